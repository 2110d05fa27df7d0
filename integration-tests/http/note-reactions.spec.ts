import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { waitFor } from "../helpers/click-sink"
import {
  type CustomerSession,
  StoreFixture,
  collectEvents,
  createCustomerSession,
  createStoreFixture,
  settle,
  sql,
} from "../helpers/fixtures"

jest.setTimeout(240 * 1000)

type Session = CustomerSession

/**
 * Likes and saves (issue 15): idempotent, exact under concurrency, shown to
 * the reader, counted on every note response, announced once per real
 * change, refused for notes the store does not show.
 */
medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let f: StoreFixture
    let noteId: string

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

    const counts = async (id: string) =>
      (
        await sql<{ likes: number; saves: number; rl: string; rs: string }>(
          getContainer(),
          `SELECT likes_count AS likes, saves_count AS saves,
             (SELECT count(*) FROM note_reaction WHERE note_id = n.id AND kind = 'like') AS rl,
             (SELECT count(*) FROM note_reaction WHERE note_id = n.id AND kind = 'save') AS rs
           FROM note n WHERE id = ?`,
          [id]
        )
      ).map((r) => ({
        likes: r.likes,
        saves: r.saves,
        like_rows: Number(r.rl),
        save_rows: Number(r.rs),
      }))[0]

    beforeEach(async () => {
      f = await createStoreFixture(getContainer())
      noteId = await createNote("Liked cream")
    })

    describe("POST/DELETE /store/notes/{id}/like and /save", () => {
      it("is idempotent, shows the reader's state and exact counts on store and admin reads, and announces each real like or save once", async () => {
        const seen = collectEvents(getContainer(), ["note.liked", "note.saved"])
        const c = getContainer()
        const a = await createCustomerSession(c, f, "a@likes.test")
        const b = await createCustomerSession(c, f, "b@likes.test")
        const like = (s: Session) =>
          api.post(`/store/notes/${noteId}/like`, {}, s.headers)

        expect((await like(a)).data).toEqual({ liked: true, likes_count: 1 })
        // Liking twice is one like.
        expect((await like(a)).data).toEqual({ liked: true, likes_count: 1 })
        expect((await like(b)).data).toEqual({ liked: true, likes_count: 2 })
        const save = await api.post(
          `/store/notes/${noteId}/save`,
          {},
          a.headers
        )
        expect(save.data).toEqual({ saved: true, saves_count: 1 })
        expect(
          (await api.post(`/store/notes/${noteId}/save`, {}, a.headers)).data
        ).toEqual({ saved: true, saves_count: 1 })

        const detail = (
          await api.get(`/store/notes/${noteId}?currency_code=eur`, a.headers)
        ).data.note
        expect(detail).toMatchObject({
          likes_count: 2,
          saves_count: 1,
          liked: true,
          saved: true,
        })
        const listedForB = (
          await api.get("/store/notes", b.headers)
        ).data.notes.find((n: { id: string }) => n.id === noteId)
        expect(listedForB).toMatchObject({
          likes_count: 2,
          saves_count: 1,
          liked: true,
          saved: false,
        })
        // An anonymous reader gets the counts, and no reader fields.
        const anonymous = (
          await api.get(`/store/notes/${noteId}`, f.storeHeaders)
        ).data.note
        expect(anonymous).toMatchObject({ likes_count: 2, saves_count: 1 })
        expect(anonymous).not.toHaveProperty("liked")
        expect(anonymous).not.toHaveProperty("saved")
        const admin = (await api.get(`/admin/notes/${noteId}`, f.adminHeaders))
          .data.note
        expect(admin).toMatchObject({ likes_count: 2, saves_count: 1 })
        const adminList = (
          await api.get("/admin/notes", f.adminHeaders)
        ).data.notes.find((n: { id: string }) => n.id === noteId)
        expect(adminList).toMatchObject({ likes_count: 2, saves_count: 1 })

        // Undoing twice is one undo; undoing what one never did is a no-op,
        // and cannot take away another customer's save.
        const unlike = () =>
          api.delete(`/store/notes/${noteId}/like`, a.headers)
        expect((await unlike()).data).toEqual({ liked: false, likes_count: 1 })
        expect((await unlike()).data).toEqual({ liked: false, likes_count: 1 })
        expect(
          (await api.delete(`/store/notes/${noteId}/save`, b.headers)).data
        ).toEqual({ saved: false, saves_count: 1 })
        expect(await counts(noteId)).toEqual({
          likes: 1,
          saves: 1,
          like_rows: 1,
          save_rows: 1,
        })
        expect(
          (await api.get(`/store/notes/${noteId}`, a.headers)).data.note
        ).toMatchObject({ liked: false, saved: true })

        // A last real like marks the end of the stream: once it is seen,
        // every earlier event has been delivered.
        const d = await createCustomerSession(c, f, "d@likes.test")
        expect((await like(d)).data).toEqual({ liked: true, likes_count: 2 })
        await waitFor("d's like event", async () =>
          seen.some((e) => e.data.customer_id === d.id)
        )
        const mine = seen.filter((e) => e.data.id === noteId)
        expect(mine.filter((e) => e.name === "note.liked")).toEqual([
          {
            name: "note.liked",
            data: { id: noteId, customer_id: a.id, likes_count: 1 },
          },
          {
            name: "note.liked",
            data: { id: noteId, customer_id: b.id, likes_count: 2 },
          },
          {
            name: "note.liked",
            data: { id: noteId, customer_id: d.id, likes_count: 2 },
          },
        ])
        expect(mine.filter((e) => e.name === "note.saved")).toEqual([
          {
            name: "note.saved",
            data: { id: noteId, customer_id: a.id, saves_count: 1 },
          },
        ])
      })

      it("stays exact when 200 customers like and save at once, and again when each takes both back", async () => {
        const c = getContainer()
        const sessions: Session[] = []
        for (let i = 0; i < 200; i += 20) {
          sessions.push(
            ...(await Promise.all(
              Array.from({ length: 20 }, (_, j) =>
                createCustomerSession(c, f, `crowd${i + j}@likes.test`)
              )
            ))
          )
        }
        const all = async (method: "post" | "delete") => {
          const res = await Promise.all(
            sessions.flatMap((s) =>
              ["like", "save"].map((action) =>
                settle(
                  method === "post"
                    ? api.post(
                        `/store/notes/${noteId}/${action}`,
                        {},
                        s.headers
                      )
                    : api.delete(`/store/notes/${noteId}/${action}`, s.headers)
                )
              )
            )
          )
          expect(res.filter((r) => r.status !== 200)).toEqual([])
          const sorted = (key: string) =>
            res
              .map((r) => r.data[key])
              .filter((n) => n !== undefined)
              .sort((x: number, y: number) => x - y)
          return { likes: sorted("likes_count"), saves: sorted("saves_count") }
        }
        const range = (from: number) =>
          Array.from({ length: 200 }, (_, i) => from + i)

        // Every change saw a count of its own: 1..200, none twice.
        expect(await all("post")).toEqual({
          likes: range(1),
          saves: range(1),
        })
        expect(await counts(noteId)).toEqual({
          likes: 200,
          saves: 200,
          like_rows: 200,
          save_rows: 200,
        })
        expect(
          (await api.get(`/store/notes/${noteId}`, f.storeHeaders)).data.note
        ).toMatchObject({ likes_count: 200, saves_count: 200 })

        expect(await all("delete")).toEqual({
          likes: range(0),
          saves: range(0),
        })
        expect(await counts(noteId)).toEqual({
          likes: 0,
          saves: 0,
          like_rows: 0,
          save_rows: 0,
        })
      })

      it("refuses notes the store does not show, anonymous readers and bad input, writing nothing", async () => {
        const c = getContainer()
        const a = await createCustomerSession(c, f, "a@likes.test")
        const draft = await createNote("Draft", "draft")
        const hidden = await createNote("Hidden")
        await api.post(
          `/admin/notes/${hidden}/hide`,
          { reason: "spam" },
          f.adminHeaders
        )
        for (const id of [draft, hidden, "note_missing"]) {
          for (const action of ["like", "save"]) {
            const post = await settle(
              api.post(`/store/notes/${id}/${action}`, {}, a.headers)
            )
            expect(post.status).toBe(404)
            const del = await settle(
              api.delete(`/store/notes/${id}/${action}`, a.headers)
            )
            expect(del.status).toBe(404)
          }
        }
        const anonymous = await settle(
          api.post(`/store/notes/${noteId}/like`, {}, f.storeHeaders)
        )
        expect(anonymous.status).toBe(401)
        const unknownField = await settle(
          api.post(`/store/notes/${noteId}/save`, { foo: 1 }, a.headers)
        )
        expect(unknownField.status).toBe(400)
        expect(unknownField.data.message).toContain("foo: unknown field")
        for (const id of [noteId, draft, hidden]) {
          expect(await counts(id)).toEqual({
            likes: 0,
            saves: 0,
            like_rows: 0,
            save_rows: 0,
          })
        }
      })

      it("refuses a like waiting on the note's lock once a hide commits there, writing nothing", async () => {
        const c = getContainer()
        const a = await createCustomerSession(c, f, "a@likes.test")
        const pg = c.resolve(ContainerRegistrationKeys.PG_CONNECTION)
        // A moderator's hide, not committed yet, holds the note's row.
        const hide = await pg.transaction()
        await hide.raw(`UPDATE note SET status = 'hidden' WHERE id = ?`, [
          noteId,
        ])
        const like = settle(
          api.post(`/store/notes/${noteId}/like`, {}, a.headers)
        )
        // The like reached the note and waits for its row lock.
        await waitFor("the like waiting on the note's lock", async () => {
          const rows = await sql<{ n: number }>(
            c,
            `SELECT count(*)::int AS n FROM pg_stat_activity
             WHERE datname = current_database() AND wait_event_type = 'Lock'
               AND query LIKE '%note_reaction%'`
          )
          return rows[0].n > 0
        })
        await hide.commit()
        expect((await like).status).toBe(404)
        expect(await counts(noteId)).toEqual({
          likes: 0,
          saves: 0,
          like_rows: 0,
          save_rows: 0,
        })
      })
    })

    describe("GET /store/customers/me/saved-notes", () => {
      it("lists the customer's saved notes the store shows, newest save first, paged, in the store list's shape", async () => {
        const c = getContainer()
        const a = await createCustomerSession(c, f, "a@likes.test")
        const b = await createCustomerSession(c, f, "b@likes.test")
        const n2 = await createNote("Second")
        const n3 = await createNote("Third")
        for (const id of [n2, noteId, n3]) {
          await api.post(`/store/notes/${id}/save`, {}, a.headers)
        }
        await api.post(`/store/notes/${noteId}/like`, {}, a.headers)
        await api.post(`/store/notes/${n2}/save`, {}, b.headers)

        const page = async (query: string, s: Session = a) =>
          (await api.get(`/store/customers/me/saved-notes${query}`, s.headers))
            .data
        const first = await page("?limit=2")
        expect(first).toMatchObject({ count: 3, limit: 2, offset: 0 })
        expect(first.notes.map((n: { id: string }) => n.id)).toEqual([
          n3,
          noteId,
        ])
        // The same note as GET /store/notes shows it, with the reader's state.
        const listed = (
          await api.get("/store/notes", a.headers)
        ).data.notes.find((n: { id: string }) => n.id === noteId)
        expect(first.notes[1]).toEqual(listed)
        expect(first.notes[1]).toMatchObject({
          liked: true,
          saved: true,
          likes_count: 1,
          saves_count: 1,
        })
        expect(first.notes[1].products[0].buy_url).toMatch(/\/r\//)
        const second = await page("?limit=2&offset=2")
        expect(second.notes.map((n: { id: string }) => n.id)).toEqual([n2])
        expect(second.notes[0]).toMatchObject({ saves_count: 2, saved: true })

        // Another customer sees only their own saves.
        const theirs = await page("", b)
        expect(theirs.notes.map((n: { id: string }) => n.id)).toEqual([n2])

        // A hidden note leaves the list; its save is kept.
        await api.post(
          `/admin/notes/${noteId}/hide`,
          { reason: "spam" },
          f.adminHeaders
        )
        const after = await page("")
        expect(after.count).toBe(2)
        expect(after.notes.map((n: { id: string }) => n.id)).toEqual([n3, n2])
        expect((await counts(noteId)).save_rows).toBe(1)

        const badLimit = await settle(
          api.get("/store/customers/me/saved-notes?limit=0", a.headers)
        )
        expect(badLimit.status).toBe(400)
        expect(badLimit.data.message).toContain("limit")
        const anonymous = await settle(
          api.get("/store/customers/me/saved-notes", f.storeHeaders)
        )
        expect(anonymous.status).toBe(401)
      })
    })
  },
})
