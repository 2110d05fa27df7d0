import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { refreshNoteEngagementWorkflow } from "../../src/workflows/notes/workflows/refresh-note-engagement"
import { waitFor } from "../helpers/click-sink"
import {
  BROWSER,
  StoreFixture,
  createApprovedBuyer,
  createCustomerSession,
  createStoreFixture,
  followBuyLink,
  placeOrder,
  publishBuyerNote,
  settle,
  sql,
} from "../helpers/fixtures"

jest.setTimeout(300 * 1000)

type Headers = Record<string, string>

/** The trending score of docs/api.md with the default options. */
const W = { like: 1, save: 2, comment: 3, click: 0.5, order: 5 }
const TAU = 86_400
function score(n: {
  likes?: number
  saves?: number
  comments?: number
  clicks?: number
  orders?: number
  published_at: Date
}): number {
  const e =
    W.like * (n.likes ?? 0) +
    W.save * (n.saves ?? 0) +
    W.comment * (n.comments ?? 0) +
    W.click * (n.clicks ?? 0) +
    W.order * (n.orders ?? 0)
  return Math.log10(1 + e) + n.published_at.getTime() / 1000 / TAU
}

/**
 * Views and the trending / newest feed (issue 15): one counted view per
 * visitor per note per UTC day, exact under concurrency, bots and link
 * previews dropped, hidden notes refused; the trending order as the
 * documented formula, stable paging.
 */
medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let f: StoreFixture

    const createNote = async (title: string, status = "published") =>
      (
        await api.post(
          "/admin/notes",
          {
            title,
            body: "b",
            status,
            products: [{ product_id: f.products[0].id }],
          },
          f.adminHeaders
        )
      ).data.note.id as string

    /** A reader's beacon: a browser unless `ua` says otherwise. */
    const view = (
      id: string,
      opts: { cookie?: string; ua?: string; body?: unknown } = {}
    ) =>
      settle(
        api.post(`/store/notes/${id}/views`, opts.body, {
          headers: {
            ...f.storeHeaders.headers,
            "user-agent": opts.ua ?? BROWSER,
            ...(opts.cookie ? { cookie: `notes_vid=${opts.cookie}` } : {}),
          } as Headers,
        })
      ).then((r) => r as { status: number; data: any; headers?: Headers })

    const counts = async (id: string) => {
      const [row] = await sql<{ views: number; rows: string }>(
        getContainer(),
        `SELECT views_count AS views,
           (SELECT count(*) FROM note_view WHERE note_id = n.id) AS rows
         FROM note n WHERE id = ?`,
        [id]
      )
      return { views: row.views, rows: Number(row.rows) }
    }

    beforeEach(async () => {
      f = await createStoreFixture(getContainer())
    })

    describe("POST /store/notes/{id}/views", () => {
      it("counts one view per visitor per UTC day, sets the visitor cookie, drops bots and link previews, and shows views_count on every note read", async () => {
        const id = await createNote("Viewed cream")

        // No cookie: one is set (the buy links' visitor cookie) and the
        // view counts.
        const first = await api.post(`/store/notes/${id}/views`, undefined, {
          headers: { ...f.storeHeaders.headers, "user-agent": BROWSER },
        })
        expect(first.status).toBe(204)
        const setCookie = String(first.headers["set-cookie"] ?? "")
        const visitor = /notes_vid=([A-Za-z0-9_-]+)/.exec(setCookie)?.[1]
        expect(visitor).toBeTruthy()
        expect(setCookie).toMatch(/HttpOnly/)
        expect(await counts(id)).toEqual({ views: 1, rows: 1 })

        // The same visitor again the same day: answered, not counted, no
        // new cookie.
        const again = await api.post(
          `/store/notes/${id}/views`,
          {},
          {
            headers: {
              ...f.storeHeaders.headers,
              "user-agent": BROWSER,
              cookie: `notes_vid=${visitor}`,
            },
          }
        )
        expect(again.status).toBe(204)
        expect(again.headers["set-cookie"]).toBeUndefined()
        expect(await counts(id)).toEqual({ views: 1, rows: 1 })

        // Another visitor counts.
        expect(
          (await view(id, { cookie: "visitor_b_0123456789" })).status
        ).toBe(204)
        expect(await counts(id)).toEqual({ views: 2, rows: 2 })

        // Bots, link previews, HTTP libraries and an empty user agent are
        // answered and not counted.
        for (const ua of [
          "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
          "facebookexternalhit/1.1",
          "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
          "WhatsApp/2.23.20.0",
          "curl/8.4.0",
          "axios/1.7.0",
          "",
        ]) {
          const r = await view(id, { cookie: "visitor_bot_0123456789", ua })
          expect(r.status).toBe(204)
        }
        expect(await counts(id)).toEqual({ views: 2, rows: 2 })

        // The next UTC day the first visitor counts again: the row of
        // "today" is moved to yesterday, as the clock would.
        await sql(
          getContainer(),
          `UPDATE note_view SET day = day - interval '1 day' WHERE note_id = ? AND visitor_id = ?`,
          [id, visitor]
        )
        await view(id, { cookie: visitor })
        expect(await counts(id)).toEqual({ views: 3, rows: 3 })
        await view(id, { cookie: visitor })
        expect(await counts(id)).toEqual({ views: 3, rows: 3 })

        // Every read of the note carries the count.
        const buyer = await createApprovedBuyer(
          api,
          getContainer(),
          f,
          "author@views.test",
          "viewed_author"
        )
        const own = (
          await publishBuyerNote(api, buyer.session, "Own", [f.products[0].id])
        ).id
        await view(own, { cookie: "visitor_own_0123456789" })
        await api.post(`/store/notes/${id}/save`, {}, buyer.session.headers)
        const detail = (await api.get(`/store/notes/${id}`, f.storeHeaders))
          .data.note
        expect(detail.views_count).toBe(3)
        const listed = (await api.get("/store/notes", f.storeHeaders)).data
          .notes
        expect(
          Object.fromEntries(
            listed.map((n: { id: string; views_count: number }) => [
              n.id,
              n.views_count,
            ])
          )
        ).toEqual({ [id]: 3, [own]: 1 })
        const saved = (
          await api.get(
            "/store/customers/me/saved-notes",
            buyer.session.headers
          )
        ).data.notes
        expect(
          saved.map((n: { views_count: number }) => n.views_count)
        ).toEqual([3])
        const mine = (
          await api.get("/store/buyers/me/notes", buyer.session.headers)
        ).data.notes
        expect(mine.map((n: { views_count: number }) => n.views_count)).toEqual(
          [1]
        )
        expect(
          (await api.get(`/admin/notes/${id}`, f.adminHeaders)).data.note
            .views_count
        ).toBe(3)
        const adminList = (await api.get("/admin/notes", f.adminHeaders)).data
          .notes
        expect(
          adminList.find((n: { id: string }) => n.id === id).views_count
        ).toBe(3)
      })

      it("is exact under concurrency: 200 distinct visitors at once are 200 views, and the same 200 again change nothing", async () => {
        const id = await createNote("Popular cream")
        const visitors = Array.from(
          { length: 200 },
          (_, i) => `burst_visitor_${String(i).padStart(4, "0")}`
        )
        const burst = () =>
          Promise.all(visitors.map((v) => view(id, { cookie: v })))
        const started = Date.now()
        const answers = await burst()
        const elapsed = Date.now() - started
        expect(answers.map((a) => a.status)).toEqual(visitors.map(() => 204))
        expect(await counts(id)).toEqual({ views: 200, rows: 200 })
        const repeat = await burst()
        expect(repeat.map((a) => a.status)).toEqual(visitors.map(() => 204))
        expect(await counts(id)).toEqual({ views: 200, rows: 200 })
        // A figure for the record, not an assertion (shared CPUs).
        console.log(`200 concurrent first views answered in ${elapsed} ms`)
      })

      it("answers 404 for a note the store does not show and 400 for a body, writing nothing", async () => {
        const draft = await createNote("Draft", "draft")
        const hidden = await createNote("Hidden")
        await api.post(
          `/admin/notes/${hidden}/hide`,
          { reason: "spam" },
          f.adminHeaders
        )
        const buyer = await createApprovedBuyer(
          api,
          getContainer(),
          f,
          "suspended@views.test",
          "suspended_author"
        )
        const ofSuspended = (
          await publishBuyerNote(api, buyer.session, "Soon unlisted", [
            f.products[0].id,
          ])
        ).id
        await api.post(
          `/admin/buyers/${buyer.buyerId}/suspend`,
          { reason: "fraud" },
          f.adminHeaders
        )
        const deleted = await createNote("Deleted")
        await api.delete(`/admin/notes/${deleted}`, f.adminHeaders)

        for (const id of [
          "note_does_not_exist",
          draft,
          hidden,
          ofSuspended,
          deleted,
        ]) {
          const r = await view(id, { cookie: "visitor_404_0123456789" })
          expect({ id, status: r.status }).toEqual({ id, status: 404 })
          expect(r.data.message).toContain(id)
        }

        const live = await createNote("Live")
        const bad = await view(live, {
          cookie: "visitor_400_0123456789",
          body: { visitor_id: "x" },
        })
        expect(bad.status).toBe(400)
        expect(bad.data.message).toMatch(/visitor_id: unknown field/)
        const notJson = await settle(
          api.post(`/store/notes/${live}/views`, "hello", {
            headers: {
              ...f.storeHeaders.headers,
              "user-agent": BROWSER,
              "content-type": "text/plain",
            },
          })
        )
        expect(notJson.status).toBe(415)
        // Without the publishable key: Medusa's own 400.
        const noKey = await settle(
          api.post(`/store/notes/${live}/views`, undefined, {
            headers: { "user-agent": BROWSER },
          })
        )
        expect(noKey.status).toBe(400)
        const [{ n }] = await sql<{ n: string }>(
          getContainer(),
          `SELECT count(*) AS n FROM note_view`
        )
        expect(Number(n)).toBe(0)
        expect(
          (
            await sql<{ v: number }>(
              getContainer(),
              `SELECT sum(views_count)::int AS v FROM note`
            )
          )[0].v
        ).toBe(0)
      })
    })

    describe("GET /store/notes?sort=trending|newest", () => {
      const publishAt = (id: string, at: Date) =>
        sql(getContainer(), `UPDATE note SET published_at = ? WHERE id = ?`, [
          at,
          id,
        ])
      const order = async (query: string) =>
        (await api.get(`/store/notes?${query}`, f.storeHeaders)).data.notes.map(
          (n: { id: string }) => n.id
        ) as string[]

      it("ranks by the documented formula: engagement (saves over likes) decayed with age, and pages stably", async () => {
        const c = getContainer()
        const readers = await Promise.all(
          ["r1", "r2", "r3"].map((r) =>
            createCustomerSession(c, f, `${r}@trending.test`)
          )
        )
        const now = Date.now()
        const hour = 3600 * 1000
        // older: 3 saves, two days old. newer: 1 save, now. liked: 3
        // likes, 6 hours old. recent: 3 saves, 6 hours old. quiet: no
        // engagement, an hour old.
        const older = await createNote("Older, saved a lot")
        const newer = await createNote("Newer, saved once")
        const liked = await createNote("Liked, not saved")
        const recent = await createNote("Saved a lot, 6 hours old")
        const quiet = await createNote("Quiet")
        const published = {
          [older]: new Date(now - 48 * hour),
          [newer]: new Date(now),
          [liked]: new Date(now - 6 * hour),
          [recent]: new Date(now - 6 * hour),
          [quiet]: new Date(now - hour),
        }
        for (const [id, at] of Object.entries(published)) {
          await publishAt(id, at)
        }
        const react = (id: string, kind: "like" | "save", n: number) =>
          Promise.all(
            readers
              .slice(0, n)
              .map((r) => api.post(`/store/notes/${id}/${kind}`, {}, r.headers))
          )
        await react(older, "save", 3)
        await react(newer, "save", 1)
        await react(liked, "like", 3)
        await react(recent, "save", 3)

        const expected = Object.entries({
          [older]: { saves: 3 },
          [newer]: { saves: 1 },
          [liked]: { likes: 3 },
          [recent]: { saves: 3 },
          [quiet]: {},
        })
          .map(([id, e]) => ({
            id,
            score: score({ ...e, published_at: published[id] }),
          }))
          .sort((a, b) => b.score - a.score)
          .map((s) => s.id)
        const trending = await order("sort=trending")
        expect(trending).toEqual(expected)
        // What the formula says in words: two days of age outweigh 3 saves
        // against 1 (newer above older); at the same age, 3 saves outweigh
        // 3 likes (recent above liked); 6 hours younger does not make up
        // for 3 saves (recent above quiet, 5 hours younger, no engagement).
        const at = (id: string) => trending.indexOf(id)
        expect(at(newer)).toBeLessThan(at(older))
        expect(at(recent)).toBeLessThan(at(liked))
        expect(at(recent)).toBeLessThan(at(quiet))

        // The stored score is the formula's.
        const rows = await sql<{ id: string; trending_score: number }>(
          c,
          `SELECT id, trending_score FROM note WHERE id = ANY(?)`,
          [[older, recent]]
        )
        for (const r of rows) {
          const e = r.id === older || r.id === recent ? { saves: 3 } : {}
          expect(r.trending_score).toBeCloseTo(
            score({ ...e, published_at: published[r.id] }),
            9
          )
        }

        // Undoing engagement rescores: recent loses its saves and falls
        // below quiet (an hour old, none).
        await Promise.all(
          readers.map((r) =>
            api.delete(`/store/notes/${recent}/save`, r.headers)
          )
        )
        const after = await order("sort=trending")
        expect(after.indexOf(recent)).toBeGreaterThan(after.indexOf(quiet))

        // Newest: by publication, newest first, the default.
        const tie = [recent, liked].sort().reverse()
        const expectedNewest = [newer, quiet, ...tie, older]
        expect(await order("sort=newest")).toEqual(expectedNewest)
        expect(await order("")).toEqual(expectedNewest)

        // Paging is stable: pages of one put together are the whole list.
        const whole = await order("sort=trending")
        const pages: string[] = []
        for (let offset = 0; offset < whole.length; offset++) {
          pages.push(...(await order(`sort=trending&limit=1&offset=${offset}`)))
        }
        expect(pages).toEqual(whole)
        // With filters and a search, trending still orders the matches.
        expect(await order("sort=trending&q=saved")).toEqual(
          whole.filter((id) => [older, newer, recent, liked].includes(id))
        )
      })

      it("folds counted clicks and attributed orders in when the engagement refresh runs, idempotently", async () => {
        const c = getContainer()
        const buyer = await createApprovedBuyer(
          api,
          c,
          f,
          "clicks@trending.test",
          "clicks_author"
        )
        const at = new Date("2026-11-01T00:00:00Z")
        const clicked = await publishBuyerNote(api, buyer.session, "Clicked", [
          f.products[0].id,
        ])
        const plain = await publishBuyerNote(api, buyer.session, "Plain", [
          f.products[0].id,
        ])
        await publishAt(clicked.id, at)
        await publishAt(plain.id, at)
        const noteRow = async () =>
          (
            await sql<{
              clicks_count: number
              orders_count: number
              trending_score: number
            }>(
              c,
              `SELECT clicks_count, orders_count, trending_score FROM note WHERE id = ?`,
              [clicked.id]
            )
          )[0]
        // Two visitors click; one of them orders. A bot's click is dropped
        // and does not count.
        const ref = await followBuyLink(
          api,
          c,
          clicked.codes[0],
          "notes_vid=clicker_one_0123456789"
        )
        await followBuyLink(
          api,
          c,
          clicked.codes[0],
          "notes_vid=clicker_two_0123456789"
        )
        await api.request({
          url: `/r/${clicked.codes[0]}`,
          maxRedirects: 0,
          validateStatus: () => true,
          headers: { "user-agent": "Twitterbot/1.0" },
        })
        await placeOrder(api, f, {
          items: [{ variant_id: f.products[0].variants[0].id, quantity: 1 }],
          click_id: ref,
        })
        await waitFor("the order in the note's rollup", async () => {
          const [r] = await sql<{ n: string | null }>(
            c,
            `SELECT sum(orders) AS n FROM order_note_rollup WHERE note_id = ?`,
            [clicked.id]
          )
          return Number(r.n ?? 0) > 0 || undefined
        })
        // Before any fold and after, the stored score is the formula of the
        // note's own counters.
        const before = await noteRow()
        expect(before.trending_score).toBeCloseTo(
          score({
            clicks: before.clicks_count,
            orders: before.orders_count,
            published_at: at,
          }),
          9
        )
        // The scheduled job (notes-refresh-note-engagement, every 5 minutes)
        // runs this same workflow and may fold the note in first, so the run
        // below changes one note or none; what it must leave is the note
        // folded in exactly.
        const { result } = await refreshNoteEngagementWorkflow(c).run({
          input: { since: null },
        })
        expect([0, 1]).toContain(result.changed)
        const row = await noteRow()
        expect(row).toMatchObject({ clicks_count: 2, orders_count: 1 })
        expect(row.trending_score).toBeCloseTo(
          score({ clicks: 2, orders: 1, published_at: at }),
          9
        )
        expect(await order("sort=trending")).toEqual([clicked.id, plain.id])
        // A rerun changes nothing; the job's window (the last hour) finds
        // the same note.
        const again = await refreshNoteEngagementWorkflow(c).run({
          input: { since: new Date(Date.now() - 3600_000).toISOString() },
        })
        expect(again.result).toEqual({ changed: 0 })
      })

      it("breaks ties by id, keeps unlisted notes out, and refuses a bad sort naming it", async () => {
        const at = new Date("2026-11-01T00:00:00Z")
        const ids: string[] = []
        for (const t of ["a", "b", "c", "d"]) {
          const id = await createNote(`Tie ${t}`)
          await publishAt(id, at)
          ids.push(id)
        }
        const hidden = await createNote("Hidden but saved")
        const reader = await createCustomerSession(
          getContainer(),
          f,
          "r@ties.test"
        )
        await api.post(`/store/notes/${hidden}/save`, {}, reader.headers)
        await api.post(
          `/admin/notes/${hidden}/hide`,
          { reason: "spam" },
          f.adminHeaders
        )
        expect(await order("sort=trending")).toEqual([...ids].sort().reverse())
        const body = (
          await api.get("/store/notes?sort=trending&limit=2", f.storeHeaders)
        ).data
        expect(body).toMatchObject({ count: 4, limit: 2, offset: 0 })

        for (const bad of ["hot", "TRENDING", "", "trending,newest"]) {
          const r = await settle(
            api.get(
              `/store/notes?sort=${encodeURIComponent(bad)}`,
              f.storeHeaders
            )
          )
          expect({ bad, status: r.status }).toEqual({ bad, status: 400 })
          expect(r.data.message).toMatch(/^sort: /)
        }
        const twice = await settle(
          api.get("/store/notes?sort=trending&sort=newest", f.storeHeaders)
        )
        expect(twice.status).toBe(400)
        expect(twice.data.message).toMatch(/sort/)
      })
    })
  },
})
