import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { waitFor } from "../helpers/click-sink"
import {
  type CustomerSession,
  StoreFixture,
  collectEvents,
  createApprovedBuyer,
  createCustomerSession,
  createStoreFixture,
  publishBuyerNote,
  settle,
  sql,
} from "../helpers/fixtures"

jest.setTimeout(240 * 1000)

type Session = CustomerSession

/**
 * Follows, the public buyer profile and the following feed (issue 15):
 * idempotent, exact under concurrency, private data never shown, refused
 * for buyers the store does not show, for anonymous customers and for
 * one's own profile.
 */
medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let f: StoreFixture
    let lin: { session: Session; buyerId: string }

    const follow = (s: Session, handle = "lin") =>
      settle(api.post(`/store/buyers/${handle}/follow`, {}, s.headers))
    const unfollow = (s: Session, handle = "lin") =>
      settle(api.delete(`/store/buyers/${handle}/follow`, s.headers))

    /** The buyer's counter and its follow rows. */
    const followers = async (buyerId: string) =>
      (
        await sql<{ count: number; rows: string }>(
          getContainer(),
          `SELECT followers_count AS count,
             (SELECT count(*) FROM buyer_follow WHERE buyer_id = b.id) AS rows
           FROM buyer b WHERE id = ?`,
          [buyerId]
        )
      ).map((r) => ({ count: r.count, rows: Number(r.rows) }))[0]

    /** A published note by the buyer, through the buyer's own route. */
    const publish = (
      s: Session,
      title: string,
      extra: Record<string, unknown> = {}
    ) =>
      publishBuyerNote(api, s, title, [f.products[0].id], {
        body: title,
        ...extra,
      }).then((n) => n.id)

    beforeEach(async () => {
      f = await createStoreFixture(getContainer())
      lin = await createApprovedBuyer(
        api,
        getContainer(),
        f,
        "lin@follows.test",
        "lin"
      )
    })

    describe("POST/DELETE /store/buyers/{handle}/follow", () => {
      it("is idempotent, keeps the counter equal to the rows, lets nobody remove another's follow, and announces each real follow once", async () => {
        const seen = collectEvents(getContainer(), ["buyer.followed"])
        const c = getContainer()
        const a = await createCustomerSession(c, f, "a@follows.test")
        const b = await createCustomerSession(c, f, "b@follows.test")

        expect((await follow(a)).data).toEqual({
          following: true,
          followers_count: 1,
        })
        // Following twice is one follow, whatever the handle's case.
        expect((await follow(a, "LIN")).data).toEqual({
          following: true,
          followers_count: 1,
        })
        expect((await follow(b)).data).toEqual({
          following: true,
          followers_count: 2,
        })
        expect(await followers(lin.buyerId)).toEqual({ count: 2, rows: 2 })

        // Unfollowing twice is one unfollow, and only ever one's own follow.
        expect((await unfollow(a)).data).toEqual({
          following: false,
          followers_count: 1,
        })
        expect((await unfollow(a)).data).toEqual({
          following: false,
          followers_count: 1,
        })
        expect(await followers(lin.buyerId)).toEqual({ count: 1, rows: 1 })
        const [left] = await sql<{ customer_id: string }>(
          c,
          `SELECT customer_id FROM buyer_follow WHERE buyer_id = ?`,
          [lin.buyerId]
        )
        expect(left.customer_id).toBe(b.id)

        // The buyer sees their count on their own profile too.
        expect(
          (await api.get("/store/buyers/me", lin.session.headers)).data.buyer
            .followers_count
        ).toBe(1)

        // A last real follow marks the end of the stream: once it is seen,
        // every earlier event has been delivered.
        const d = await createCustomerSession(c, f, "d@follows.test")
        expect((await follow(d)).data.followers_count).toBe(2)
        await waitFor("d's follow event", async () =>
          seen.some((e) => e.data.customer_id === d.id)
        )
        expect(seen.map((e) => e.data)).toEqual([
          { id: lin.buyerId, customer_id: a.id, followers_count: 1 },
          { id: lin.buyerId, customer_id: b.id, followers_count: 2 },
          { id: lin.buyerId, customer_id: d.id, followers_count: 2 },
        ])
      })

      it("stays exact when 200 customers follow one buyer at once, and again when each unfollows", async () => {
        const c = getContainer()
        const sessions: Session[] = []
        for (let i = 0; i < 200; i += 20) {
          sessions.push(
            ...(await Promise.all(
              Array.from({ length: 20 }, (_, j) =>
                createCustomerSession(c, f, `crowd${i + j}@follows.test`)
              )
            ))
          )
        }
        const all = async (on: boolean) => {
          const res = await Promise.all(
            sessions.map((s) => (on ? follow(s) : unfollow(s)))
          )
          expect(res.filter((r) => r.status !== 200)).toEqual([])
          expect(res.every((r) => r.data.following === on)).toBe(true)
          return res
            .map((r) => r.data.followers_count as number)
            .sort((x, y) => x - y)
        }
        const range = (from: number) =>
          Array.from({ length: 200 }, (_, i) => from + i)

        // Every change saw a count of its own: 1..200, none twice.
        expect(await all(true)).toEqual(range(1))
        expect(await followers(lin.buyerId)).toEqual({ count: 200, rows: 200 })
        expect(
          (await api.get("/store/buyers/lin", f.storeHeaders)).data.buyer
            .followers_count
        ).toBe(200)

        expect(await all(false)).toEqual(range(0))
        expect(await followers(lin.buyerId)).toEqual({ count: 0, rows: 0 })
      })

      it("refuses anonymous customers, one's own profile, buyers the store does not show and bad input, writing nothing", async () => {
        const c = getContainer()
        const a = await createCustomerSession(c, f, "a@follows.test")
        // A pending buyer (applied, not approved).
        const pending = await createCustomerSession(c, f, "p@follows.test")
        await api.post(
          "/store/buyers",
          { handle: "pending_one", display_name: "P" },
          pending.headers
        )
        // A suspended buyer.
        const sus = await createApprovedBuyer(
          api,
          c,
          f,
          "s@follows.test",
          "sus"
        )
        await api.post(
          `/admin/buyers/${sus.buyerId}/suspend`,
          { reason: "fraud" },
          f.adminHeaders
        )

        for (const handle of ["pending_one", "sus", "nobody", "me"]) {
          expect({ handle, status: (await follow(a, handle)).status }).toEqual({
            handle,
            status: 404,
          })
          expect({
            handle,
            status: (await unfollow(a, handle)).status,
          }).toEqual({ handle, status: 404 })
        }
        const anonymous = await settle(
          api.post("/store/buyers/lin/follow", {}, f.storeHeaders)
        )
        expect(anonymous.status).toBe(401)
        expect(
          (await settle(api.delete("/store/buyers/lin/follow", f.storeHeaders)))
            .status
        ).toBe(401)

        const own = await follow(lin.session)
        expect(own.status).toBe(400)
        expect(own.data.message).toMatch(/^handle: .*your own buyer profile/)
        const unknownField = await settle(
          api.post("/store/buyers/lin/follow", { foo: 1 }, a.headers)
        )
        expect(unknownField.status).toBe(400)
        expect(unknownField.data.message).toContain("foo: unknown field")

        expect(
          await sql(c, `SELECT 1 FROM buyer_follow`).then((r) => r.length)
        ).toBe(0)
        for (const id of [lin.buyerId, sus.buyerId]) {
          expect(await followers(id)).toEqual({ count: 0, rows: 0 })
        }
      })
    })

    describe("GET /store/buyers/{handle}", () => {
      it("shows the public figures and the reader's follow, nothing private, and 404s for buyers the store does not show", async () => {
        const c = getContainer()
        const a = await createCustomerSession(c, f, "a@follows.test")
        const b = await createCustomerSession(c, f, "b@follows.test")
        await api.post(
          "/store/buyers/me",
          {
            bio: "Skin care, honestly",
            avatar_url: "https://img.example/l.png",
          },
          lin.session.headers
        )
        const n1 = await publish(lin.session, "First")
        const n2 = await publish(lin.session, "Second")
        const hidden = await publish(lin.session, "Hidden later")
        await publish(lin.session, "Draft", { status: "draft" })
        for (const s of [a, b]) {
          await api.post(`/store/notes/${n1}/like`, {}, s.headers)
          await api.post(`/store/notes/${hidden}/like`, {}, s.headers)
        }
        await api.post(`/store/notes/${n2}/like`, {}, a.headers)
        await api.post(
          `/admin/notes/${hidden}/hide`,
          { reason: "spam" },
          f.adminHeaders
        )
        await follow(a)

        const anonymous = (await api.get("/store/buyers/lin", f.storeHeaders))
          .data.buyer
        // Exactly these fields: no email, customer, status, tier, payout or
        // commission data; no `following` for an anonymous reader.
        expect(anonymous).toEqual({
          id: lin.buyerId,
          handle: "lin",
          display_name: "LIN",
          bio: "Skin care, honestly",
          avatar_url: "https://img.example/l.png",
          followers_count: 1,
          // Published notes only (not the draft, not the hidden one) and
          // the likes of those notes (3; the hidden note's 2 are not shown).
          notes_count: 2,
          likes_received: 3,
          created_at: expect.any(String),
        })
        expect(
          (await api.get("/store/buyers/LIN", a.headers)).data.buyer
        ).toEqual({ ...anonymous, following: true })
        expect(
          (await api.get("/store/buyers/lin", b.headers)).data.buyer
        ).toEqual({ ...anonymous, following: false })

        // `me` is the caller's own route, never a profile: 401 without a
        // customer (the reserved handle cannot be taken).
        expect(
          (await settle(api.get("/store/buyers/me", f.storeHeaders))).status
        ).toBe(401)

        const badQuery = await settle(
          api.get("/store/buyers/lin?fields=email", f.storeHeaders)
        )
        expect(badQuery.status).toBe(400)
        expect(badQuery.data.message).toContain("fields: unknown field")

        // Pending, suspended and unknown buyers do not exist for the store.
        const pending = await createCustomerSession(c, f, "p@follows.test")
        await api.post(
          "/store/buyers",
          { handle: "pending_one", display_name: "P" },
          pending.headers
        )
        await api.post(
          `/admin/buyers/${lin.buyerId}/suspend`,
          { reason: "fraud" },
          f.adminHeaders
        )
        for (const handle of ["pending_one", "lin", "nobody"]) {
          const res = await settle(
            api.get(`/store/buyers/${handle}`, a.headers)
          )
          expect({ handle, status: res.status }).toEqual({
            handle,
            status: 404,
          })
        }
        // Reinstated: the profile, its follow and its figures come back.
        await api.post(
          `/admin/buyers/${lin.buyerId}/approve`,
          {},
          f.adminHeaders
        )
        expect(
          (await api.get("/store/buyers/lin", a.headers)).data.buyer
        ).toMatchObject({ following: true, followers_count: 1, notes_count: 2 })
      })
    })

    describe("GET /store/notes?feed=following and GET /store/customers/me/following", () => {
      it("lists only the followed buyers' notes newest first, with the other filters, and the followed buyers newest follow first", async () => {
        const c = getContainer()
        const mei = await createApprovedBuyer(api, c, f, "mei@f.test", "mei")
        const zed = await createApprovedBuyer(api, c, f, "zed@f.test", "zed")
        const a = await createCustomerSession(c, f, "a@follows.test")
        const nobody = await createCustomerSession(c, f, "n@follows.test")
        const l1 = await publish(lin.session, "Lin cream", { tags: ["skin"] })
        const z1 = await publish(zed.session, "Zed cream", { tags: ["skin"] })
        const m1 = await publish(mei.session, "Mei cream")
        const l2 = await publish(lin.session, "Lin two", { tags: ["skin"] })
        await publish(lin.session, "Lin draft", { status: "draft" })
        await follow(a, "lin")
        await follow(a, "mei")

        const feed = async (query = "", s: Session = a) => {
          const res = await api.get(
            `/store/notes?feed=following${query}`,
            s.headers
          )
          return {
            ids: res.data.notes.map((n: { id: string }) => n.id),
            count: res.data.count,
          }
        }
        // Newest published first; not zed's, not the draft.
        expect(await feed()).toEqual({ ids: [l2, m1, l1], count: 3 })
        expect(await feed("&limit=2&offset=1")).toEqual({
          ids: [m1, l1],
          count: 3,
        })
        // Combined with the other filters: tag, buyer, search.
        expect(await feed("&tag=skin")).toEqual({ ids: [l2, l1], count: 2 })
        expect(await feed("&buyer=mei")).toEqual({ ids: [m1], count: 1 })
        expect(await feed("&buyer=zed")).toEqual({ ids: [], count: 0 })
        expect(await feed("&q=cream")).toEqual({
          ids: expect.arrayContaining([l1, m1]),
          count: 2,
        })
        // The notes are in the store list's shape, with the reader's flags.
        const listed = (await api.get("/store/notes", a.headers)).data.notes
        const inFeed = (await api.get("/store/notes?feed=following", a.headers))
          .data.notes
        expect(inFeed).toEqual(
          listed.filter((n: { id: string }) => [l2, m1, l1].includes(n.id))
        )
        expect(listed.map((n: { id: string }) => n.id)).toContain(z1)
        // Following nobody: an empty feed.
        expect(await feed("", nobody)).toEqual({ ids: [], count: 0 })

        // The followed buyers, newest follow first, paged.
        const following = async (query = "") =>
          (await api.get(`/store/customers/me/following${query}`, a.headers))
            .data
        const page = await following("?limit=1")
        expect(page).toMatchObject({ count: 2, limit: 1, offset: 0 })
        expect(page.buyers).toEqual([
          {
            id: mei.buyerId,
            handle: "mei",
            display_name: "MEI",
            bio: null,
            avatar_url: null,
            followers_count: 1,
            followed_at: expect.any(String),
          },
        ])
        expect(
          (await following("?offset=1")).buyers.map(
            (b: { handle: string }) => b.handle
          )
        ).toEqual(["lin"])

        // A suspended buyer leaves the feed and the list; the follow stays.
        await api.post(
          `/admin/buyers/${mei.buyerId}/suspend`,
          { reason: "fraud" },
          f.adminHeaders
        )
        expect(await feed()).toEqual({ ids: [l2, l1], count: 2 })
        expect(
          (await following()).buyers.map((b: { handle: string }) => b.handle)
        ).toEqual(["lin"])
        expect(await followers(mei.buyerId)).toEqual({ count: 1, rows: 1 })
        // Unfollowed: gone from both.
        await unfollow(a, "lin")
        expect(await feed()).toEqual({ ids: [], count: 0 })
        expect((await following()).count).toBe(0)

        // Refusals, each naming its reason.
        const anonymous = await settle(
          api.get("/store/notes?feed=following", f.storeHeaders)
        )
        expect(anonymous.status).toBe(401)
        expect(anonymous.data.message).toMatch(/^feed: .*log in/)
        const badFeed = await settle(
          api.get("/store/notes?feed=friends", a.headers)
        )
        expect(badFeed.status).toBe(400)
        expect(badFeed.data.message).toMatch(/^feed: /)
        expect(
          (
            await settle(
              api.get("/store/customers/me/following", f.storeHeaders)
            )
          ).status
        ).toBe(401)
        const badLimit = await settle(
          api.get("/store/customers/me/following?limit=0", a.headers)
        )
        expect(badLimit.status).toBe(400)
        expect(badLimit.data.message).toContain("limit")
      })
    })
  },
})
