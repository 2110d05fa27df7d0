import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import {
  createStep,
  createWorkflow,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import {
  createNoteCommentStep,
  deleteNoteCommentStep,
  setNoteCommentStatusStep,
} from "../../src/workflows"
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

const failStep = createStep("comments-test-fail", async () => {
  throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, "injected failure")
})

// Runs every mutating comment step, then fails: each step's compensation
// must put the rows and the counter back exactly as they were.
const everyStepThenFail = createWorkflow(
  "comments-test-every-step-then-fail",
  (input: {
    create: Parameters<typeof createNoteCommentStep>[0]
    remove: Parameters<typeof deleteNoteCommentStep>[0]
    hide: Parameters<typeof setNoteCommentStatusStep>[0]
  }) => {
    createNoteCommentStep(input.create)
    deleteNoteCommentStep(input.remove)
    setNoteCommentStatusStep(input.hide)
    failStep()
    return new WorkflowResponse(void 0)
  }
)
type Comment = {
  id: string
  parent_id: string | null
  body: string | null
  removed: boolean
  author: {
    display_name: string | null
    buyer_handle: string | null
    is_note_author: boolean
  } | null
  can_delete?: boolean
  replies?: Comment[]
}

/**
 * Comments (issue 15): threads one reply deep, plain-text bodies, exact
 * counts under concurrency, deletion rights, the per-customer rate limit
 * (the default option: 5 per 60 seconds), refusals for notes the store
 * does not show, moderation, and `note.commented` by signal.
 */
medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let f: StoreFixture
    let author: { session: Session; buyerId: string }
    let noteId: string

    const customer = async (email: string, firstName?: string) => {
      const s = await createCustomerSession(getContainer(), f, email)
      if (firstName) {
        await getContainer()
          .resolve(Modules.CUSTOMER)
          .updateCustomers(s.id, { first_name: firstName })
      }
      return s
    }
    const buyerNote = (title: string) =>
      publishBuyerNote(api, author.session, title, [f.products[0].id]).then(
        (n) => n.id
      )
    const comment = (
      s: Session,
      body: unknown,
      extra: Record<string, unknown> = {},
      note = noteId
    ) =>
      settle(
        api.post(`/store/notes/${note}/comments`, { body, ...extra }, s.headers)
      )
    const remove = (s: Session, id: string, note = noteId) =>
      settle(api.delete(`/store/notes/${note}/comments/${id}`, s.headers))
    const thread = async (
      query = "",
      headers = f.storeHeaders,
      note = noteId
    ) => (await api.get(`/store/notes/${note}/comments${query}`, headers)).data
    /** The stored counter and the rows it must equal. */
    const counts = async (id = noteId) =>
      (
        await sql<{ counter: number; rows: string }>(
          getContainer(),
          `SELECT comments_count AS counter,
             (SELECT count(*) FROM note_comment
              WHERE note_id = n.id AND status = 'visible' AND deleted_at IS NULL) AS rows
           FROM note n WHERE id = ?`,
          [id]
        )
      ).map((r) => ({ counter: r.counter, rows: Number(r.rows) }))[0]

    beforeEach(async () => {
      f = await createStoreFixture(getContainer())
      author = await createApprovedBuyer(
        api,
        getContainer(),
        f,
        "author@comments.test",
        "glow"
      )
      noteId = await buyerNote("Commented cream")
    })

    describe("POST/GET/DELETE /store/notes/{id}/comments", () => {
      it("writes comments and replies one level deep, lists them with names (never e-mails), deletes for the comment's or the note's author, keeps counts exact and announces each comment", async () => {
        const seen = collectEvents(getContainer(), ["note.commented"])
        const a = await customer("ada@comments.test", "Ada")
        const b = await customer("bo@comments.test")
        const c = await customer("cy@comments.test", "Cy")

        const first = await comment(a, "  First!  ")
        expect(first.status).toBe(200)
        expect(first.data).toEqual({
          comment: {
            id: expect.stringMatching(/^ncmt_/),
            note_id: noteId,
            parent_id: null,
            body: "First!",
            removed: false,
            author: {
              display_name: "Ada",
              buyer_handle: null,
              is_note_author: false,
            },
            created_at: expect.any(String),
            can_delete: true,
          },
          comments_count: 1,
        })
        const second = (await comment(b, "Second")).data
        expect(second.comments_count).toBe(2)
        const byAuthor = (await comment(author.session, "Thanks!")).data
        expect(byAuthor.comment.author).toEqual({
          display_name: "GLOW",
          buyer_handle: "glow",
          is_note_author: true,
        })
        const reply1 = await comment(a, "Reply one", {
          parent_id: second.comment.id,
        })
        expect(reply1.status).toBe(200)
        expect(reply1.data.comment.parent_id).toBe(second.comment.id)
        const reply2 = (
          await comment(c, "Reply two", { parent_id: second.comment.id })
        ).data
        expect(reply2.comments_count).toBe(5)

        // Replies are one level deep, on a visible comment of the same note.
        const other = await buyerNote("Other note")
        const otherComment = (await comment(c, "Elsewhere", {}, other)).data
        for (const parent of [
          reply1.data.comment.id,
          otherComment.comment.id,
          "ncmt_missing",
        ]) {
          const res = await comment(b, "Deep", { parent_id: parent })
          expect(res.status).toBe(400)
          expect(res.data.message).toMatch(/^parent_id: /)
        }

        // Anonymous readers see the thread: top-level newest first, replies
        // oldest first, names but no e-mail, and nothing about deleting.
        const page = await thread()
        expect(page).toMatchObject({
          count: 3,
          limit: 20,
          offset: 0,
          comments_count: 5,
        })
        const ids = (list: Comment[]) => list.map((x) => x.id)
        expect(ids(page.comments)).toEqual([
          byAuthor.comment.id,
          second.comment.id,
          first.data.comment.id,
        ])
        expect(ids(page.comments[1].replies)).toEqual([
          reply1.data.comment.id,
          reply2.comment.id,
        ])
        expect(page.comments[1].author).toEqual({
          display_name: null,
          buyer_handle: null,
          is_note_author: false,
        })
        const text = JSON.stringify(page)
        expect(text).not.toContain("@comments.test")
        expect(text).not.toContain("can_delete")
        expect(text).not.toContain("customer_id")
        // Paging walks the top-level comments.
        const paged = await thread("?limit=1&offset=1")
        expect(ids(paged.comments)).toEqual([second.comment.id])
        expect(paged.comments[0].replies).toHaveLength(2)
        // A logged-in reader learns what they may delete: their own; the
        // note's author, everything.
        const asA = await thread("", a.headers)
        expect(asA.comments.map((x: Comment) => x.can_delete)).toEqual([
          false,
          false,
          true,
        ])
        expect(
          asA.comments[1].replies.map((x: Comment) => x.can_delete)
        ).toEqual([true, false])
        const asAuthor = await thread("", author.session.headers)
        expect(
          asAuthor.comments.every((x: Comment) => x.can_delete === true)
        ).toBe(true)

        // Deleting: another customer cannot (404, as for a missing one);
        // the comment's author can, once.
        expect((await remove(c, first.data.comment.id)).status).toBe(404)
        expect((await remove(c, "ncmt_missing")).status).toBe(404)
        const deleted = await remove(a, first.data.comment.id)
        expect(deleted.status).toBe(200)
        expect(deleted.data).toEqual({
          id: first.data.comment.id,
          object: "note_comment",
          deleted: true,
          comments_count: 4,
        })
        expect((await remove(a, first.data.comment.id)).status).toBe(404)
        // A comment of another note is not reachable through this one.
        expect((await remove(c, otherComment.comment.id, noteId)).status).toBe(
          404
        )
        // The note's author deletes a comment with replies: it stays as a
        // placeholder while its replies are shown.
        expect((await remove(author.session, second.comment.id)).status).toBe(
          200
        )
        const after = await thread()
        expect(after.comments_count).toBe(3)
        expect(after.count).toBe(2)
        expect(after.comments[1]).toMatchObject({
          id: second.comment.id,
          removed: true,
          body: null,
          author: null,
        })
        expect(ids(after.comments[1].replies)).toEqual([
          reply1.data.comment.id,
          reply2.comment.id,
        ])
        // Replying to a deleted comment is refused.
        const onDeleted = await comment(c, "Late", {
          parent_id: second.comment.id,
        })
        expect(onDeleted.status).toBe(400)
        expect(onDeleted.data.message).toMatch(/^parent_id: /)
        // Once its replies are gone too, the placeholder leaves.
        expect((await remove(a, reply1.data.comment.id)).status).toBe(200)
        expect((await remove(author.session, reply2.comment.id)).status).toBe(
          200
        )
        const last = await thread()
        expect(ids(last.comments)).toEqual([byAuthor.comment.id])
        expect(last.count).toBe(1)
        expect(await counts()).toEqual({ counter: 1, rows: 1 })
        expect(
          (await api.get(`/store/notes/${noteId}`, f.storeHeaders)).data.note
            .comments_count
        ).toBe(1)
        expect(
          (await api.get(`/admin/notes/${noteId}`, f.adminHeaders)).data.note
            .comments_count
        ).toBe(1)

        // One event per comment written; the last one marks the end.
        await waitFor("the other note's comment event", async () =>
          seen.some((e) => e.data.comment_id === otherComment.comment.id)
        )
        const mine = seen.map((e) => e.data).filter((e) => e.id === noteId)
        expect(mine).toEqual(
          [
            [first.data, a.id, null],
            [second, b.id, null],
            [byAuthor, author.session.id, null],
            [reply1.data, a.id, second.comment.id],
            [reply2, c.id, second.comment.id],
          ].map(([res, customerId, parentId], i) => ({
            id: noteId,
            comment_id: (res as { comment: { id: string } }).comment.id,
            customer_id: customerId,
            parent_id: parentId,
            comments_count: i + 1,
          }))
        )
      })

      it("shows each thread's first 3 replies with replies_count, pages one thread's replies with parent_id oldest first, and refuses a parent that is not a top-level comment of the note", async () => {
        const a = await customer("pa@comments.test", "Pa")
        const b = await customer("pb@comments.test", "Pb")
        const c = await customer("pc@comments.test", "Pc")
        const top = (await comment(a, "Top")).data.comment.id as string
        const quiet = (await comment(b, "Quiet")).data.comment.id as string
        // Seven replies, one after the other (each customer stays within
        // the rate limit of 5 a minute).
        const writers = [b, c, a, c, b, c, a]
        const replies: string[] = []
        for (const [i, s] of writers.entries()) {
          const r = await comment(s, `Reply ${i + 1}`, { parent_id: top })
          expect(r.status).toBe(200)
          replies.push(r.data.comment.id)
        }
        const ids = (list: Comment[]) => list.map((x) => x.id)
        const find = (page: { comments: Comment[] }, id: string) =>
          page.comments.find((x) => x.id === id) as Comment & {
            replies_count: number
          }

        const page = await thread()
        expect(page.comments_count).toBe(9)
        expect(ids(find(page, top).replies!)).toEqual(replies.slice(0, 3))
        expect(find(page, top).replies_count).toBe(7)
        expect(find(page, quiet).replies).toEqual([])
        expect(find(page, quiet).replies_count).toBe(0)

        // The thread's replies, three a page: every reply once, in order.
        const walked: string[] = []
        for (const offset of [0, 3, 6]) {
          const p = await thread(`?parent_id=${top}&limit=3&offset=${offset}`)
          expect(p).toMatchObject({
            parent_id: top,
            count: 7,
            limit: 3,
            offset,
            comments_count: 9,
          })
          expect(p.comments.length).toBe(offset === 6 ? 1 : 3)
          for (const r of p.comments as Comment[]) {
            expect(r.parent_id).toBe(top)
            expect(r).not.toHaveProperty("replies")
            expect(r).not.toHaveProperty("can_delete")
          }
          walked.push(...ids(p.comments))
        }
        expect(walked).toEqual(replies)
        const p2 = await thread(`?parent_id=${top}&limit=3&offset=3`)
        expect(p2.comments.map((r: Comment) => r.body)).toEqual([
          "Reply 4",
          "Reply 5",
          "Reply 6",
        ])
        expect(p2.comments[0].author).toEqual({
          display_name: "Pc",
          buyer_handle: null,
          is_note_author: false,
        })
        // A logged-in reader learns what they may delete there too.
        const asC = await thread(`?parent_id=${top}&limit=100`, c.headers)
        expect(asC.comments.map((r: Comment) => r.can_delete)).toEqual(
          writers.map((w) => w === c)
        )
        const asAuthor = await thread(
          `?parent_id=${top}&limit=100`,
          author.session.headers
        )
        expect(
          asAuthor.comments.every((r: Comment) => r.can_delete === true)
        ).toBe(true)

        // The note's author deletes another customer's reply: it leaves
        // the page, the preview and the count.
        expect((await remove(author.session, replies[0])).status).toBe(200)
        const shorter = await thread(`?parent_id=${top}&limit=100`)
        expect(shorter.count).toBe(6)
        expect(ids(shorter.comments)).toEqual(replies.slice(1))
        const again = await thread()
        expect(ids(find(again, top).replies!)).toEqual(replies.slice(1, 4))
        expect(find(again, top).replies_count).toBe(6)
        // The parent deleted: a placeholder whose replies still page.
        expect((await remove(a, top)).status).toBe(200)
        const under = await thread(`?parent_id=${top}&limit=2`)
        expect(under.count).toBe(6)
        expect(ids(under.comments)).toEqual(replies.slice(1, 3))
        expect(find(await thread(), top)).toMatchObject({
          removed: true,
          replies_count: 6,
        })

        // Not a top-level comment of this note: 404. Bad input: 400 naming
        // the field.
        const other = await buyerNote("Other thread")
        const elsewhere = (await comment(c, "Elsewhere", {}, other)).data
          .comment.id
        const get = (query: string) =>
          settle(
            api.get(`/store/notes/${noteId}/comments${query}`, f.storeHeaders)
          )
        for (const parent of [replies[1], elsewhere, "ncmt_missing"]) {
          const res = await get(`?parent_id=${parent}`)
          expect(res.status).toBe(404)
        }
        for (const [query, field] of [
          ["?parent_id=not%20an%20id", "parent_id"],
          ["?parent_id=", "parent_id"],
          [`?parent_id=${quiet}&limit=0`, "limit"],
          [`?parent_id=${quiet}&offset=-1`, "offset"],
          [`?parent_id=${quiet}&parent=x`, "parent"],
        ]) {
          const res = await get(query)
          expect(res.status).toBe(400)
          expect(res.data.message).toContain(field)
        }
        expect(await counts()).toEqual({ counter: 7, rows: 7 })
      })

      it("stores the body as plain text: HTML comes back as the same text, control characters are stripped, 1,000 characters pass and 1,001 are a 400 naming body", async () => {
        const a = await customer("a@comments.test")
        const b = await customer("b@comments.test")
        const html = `<img src=x onerror="alert(1)"><script>alert(2)</script><b>bold</b> & "quotes"`
        const res = await comment(a, html)
        expect(res.status).toBe(200)
        expect(res.data.comment.body).toBe(html)
        const listed = await api.get(
          `/store/notes/${noteId}/comments`,
          f.storeHeaders
        )
        expect(listed.headers["content-type"]).toMatch(/application\/json/)
        expect(listed.data.comments[0].body).toBe(html)

        const controlled = await comment(
          a,
          "\u0001line\u0007 one\r\nline\u001b two\n\n\n\nend\u0085 \t"
        )
        expect(controlled.data.comment.body).toBe("line one\nline two\n\nend")

        // 1,000 characters, counted as a reader counts them (an emoji is one).
        const cjk = await comment(a, "面".repeat(1000))
        expect(cjk.status).toBe(200)
        expect(cjk.data.comment.body).toHaveLength(1000)
        const emoji = await comment(a, `  ${"😀".repeat(1000)}  `)
        expect(emoji.status).toBe(200)
        const stored = await sql<{ n: number }>(
          getContainer(),
          `SELECT char_length(body) AS n FROM note_comment WHERE id = ?`,
          [emoji.data.comment.id]
        )
        expect(stored[0].n).toBe(1000)

        const before = await counts()
        for (const bad of [
          "x".repeat(1001),
          "面".repeat(1001),
          "   ",
          // NUL is refused outright (the request guard), the rest stripped.
          "a\u0000b",
          "\u0001\u0002",
          "",
          123,
          null,
          ["a"],
        ]) {
          const r = await comment(b, bad)
          expect(r.status).toBe(400)
          expect(r.data.message).toMatch(/^body: /)
        }
        const missing = await settle(
          api.post(`/store/notes/${noteId}/comments`, {}, b.headers)
        )
        expect(missing.status).toBe(400)
        expect(missing.data.message).toBe("body: is required")
        const unknown = await comment(b, "ok", { html: true })
        expect(unknown.status).toBe(400)
        expect(unknown.data.message).toContain("html: unknown field")
        const badParent = await comment(b, "ok", { parent_id: "a b" })
        expect(badParent.status).toBe(400)
        expect(badParent.data.message).toMatch(/^parent_id: /)
        const badPage = await settle(
          api.get(`/store/notes/${noteId}/comments?limit=0`, f.storeHeaders)
        )
        expect(badPage.status).toBe(400)
        expect(badPage.data.message).toMatch(/^limit: /)
        expect(await counts()).toEqual(before)
        expect(before).toEqual({ counter: 4, rows: 4 })
      })

      it("stays exact when 50 customers comment at once, and when each deletes at once", async () => {
        const sessions: Session[] = []
        for (let i = 0; i < 50; i += 10) {
          sessions.push(
            ...(await Promise.all(
              Array.from({ length: 10 }, (_, j) =>
                customer(`crowd${i + j}@comments.test`)
              )
            ))
          )
        }
        const posted = await Promise.all(
          sessions.map((s, i) => comment(s, `Crowd ${i}`))
        )
        expect(posted.filter((r) => r.status !== 200)).toEqual([])
        // Every comment saw a count of its own: 1..50, none twice.
        expect(
          posted.map((r) => r.data.comments_count).sort((x, y) => x - y)
        ).toEqual(Array.from({ length: 50 }, (_, i) => i + 1))
        expect(await counts()).toEqual({ counter: 50, rows: 50 })
        expect((await thread("?limit=100")).count).toBe(50)

        const deleted = await Promise.all(
          sessions.map((s, i) => remove(s, posted[i].data.comment.id))
        )
        expect(deleted.filter((r) => r.status !== 200)).toEqual([])
        expect(
          deleted.map((r) => r.data.comments_count).sort((x, y) => x - y)
        ).toEqual(Array.from({ length: 50 }, (_, i) => i))
        expect(await counts()).toEqual({ counter: 0, rows: 0 })
      })

      it("limits each customer to 5 comments a minute, exactly under concurrency, with a 429, a JSON message and Retry-After; deleting frees nothing", async () => {
        const a = await customer("a@comments.test")
        const b = await customer("b@comments.test")
        const other = await buyerNote("Another note")
        // Ten at once, over two notes: exactly five get through.
        const burst = await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            comment(a, `Burst ${i}`, {}, i % 2 ? other : noteId)
          )
        )
        const ok = burst.filter((r) => r.status === 200)
        const limited = burst.filter((r) => r.status === 429)
        expect({ ok: ok.length, limited: limited.length }).toEqual({
          ok: 5,
          limited: 5,
        })
        const rows = async () =>
          Number(
            (
              await sql<{ n: string }>(
                getContainer(),
                `SELECT count(*) AS n FROM note_comment WHERE customer_id = ?`,
                [a.id]
              )
            )[0].n
          )
        expect(await rows()).toBe(5)

        const refused = await settle(
          api.post(
            `/store/notes/${noteId}/comments`,
            { body: "One more" },
            { ...a.headers, validateStatus: () => true }
          )
        )
        expect(refused.status).toBe(429)
        expect(refused.data).toEqual({
          type: "too_many_requests",
          message: expect.stringMatching(/at most 5 in 60 seconds/),
          retry_after_seconds: expect.any(Number),
        })
        const raw = await api.post(
          `/store/notes/${noteId}/comments`,
          { body: "One more" },
          { ...a.headers, validateStatus: () => true }
        )
        expect(raw.status).toBe(429)
        const retry = Number(raw.headers["retry-after"])
        expect(retry).toBeGreaterThanOrEqual(1)
        expect(retry).toBeLessThanOrEqual(60)
        // The body says the same wait as a number (SDKs drop headers).
        expect(raw.data.retry_after_seconds).toBe(retry)
        expect(await rows()).toBe(5)

        // Another customer is not affected.
        expect((await comment(b, "Mine")).status).toBe(200)
        // Deleting one's comments does not buy new ones.
        expect(
          (await remove(a, ok[0].data.comment.id, ok[0].data.comment.note_id))
            .status
        ).toBe(200)
        expect((await comment(a, "Still")).status).toBe(429)

        // Once the oldest comments leave the window, a slot is free: move
        // the comments back in time (the limit reads the table's clock).
        await sql(
          getContainer(),
          `UPDATE note_comment SET created_at = created_at - interval '61 seconds'
           WHERE customer_id = ?`,
          [a.id]
        )
        expect((await comment(a, "Later")).status).toBe(200)
        for (const id of [noteId, other]) {
          const c = await counts(id)
          expect(c.counter).toBe(c.rows)
        }
      })

      it("answers 404 for a draft, hidden, unknown or suspended author's note, 401 without a customer, and writes nothing", async () => {
        const a = await customer("a@comments.test")
        const existing = (await comment(a, "Before")).data.comment.id
        const draft = (
          await api.post(
            "/admin/notes",
            { title: "Draft", body: "b", status: "draft" },
            f.adminHeaders
          )
        ).data.note.id
        const hidden = await buyerNote("Hidden")
        const hiddenComment = (await comment(a, "On hidden", {}, hidden)).data
          .comment.id
        await api.post(
          `/admin/notes/${hidden}/hide`,
          { reason: "spam" },
          f.adminHeaders
        )
        for (const note of [draft, hidden, "note_missing"]) {
          expect(
            (
              await settle(
                api.get(`/store/notes/${note}/comments`, f.storeHeaders)
              )
            ).status
          ).toBe(404)
          expect((await comment(a, "x", {}, note)).status).toBe(404)
        }
        expect((await remove(a, hiddenComment, hidden)).status).toBe(404)

        // The author suspended: the note leaves the store, and its comments.
        await api.post(
          `/admin/buyers/${author.buyerId}/suspend`,
          { reason: "fraud" },
          f.adminHeaders
        )
        expect(
          (
            await settle(
              api.get(`/store/notes/${noteId}/comments`, f.storeHeaders)
            )
          ).status
        ).toBe(404)
        expect((await comment(a, "x")).status).toBe(404)
        expect((await remove(a, existing)).status).toBe(404)
        expect((await remove(author.session, existing)).status).toBe(404)

        await api.post(
          `/admin/buyers/${author.buyerId}/approve`,
          {},
          f.adminHeaders
        )
        const anonymous = await settle(
          api.post(
            `/store/notes/${noteId}/comments`,
            { body: "x" },
            f.storeHeaders
          )
        )
        expect(anonymous.status).toBe(401)
        const anonymousDelete = await settle(
          api.delete(
            `/store/notes/${noteId}/comments/${existing}`,
            f.storeHeaders
          )
        )
        expect(anonymousDelete.status).toBe(401)
        const withBody = await settle(
          api.delete(`/store/notes/${noteId}/comments/${existing}`, {
            ...a.headers,
            data: { foo: 1 },
          })
        )
        expect(withBody.status).toBe(400)
        expect(withBody.data.message).toContain("foo: unknown field")
        expect(await counts()).toEqual({ counter: 1, rows: 1 })
        expect(await counts(hidden)).toEqual({ counter: 1, rows: 1 })
        expect((await thread()).comments.map((x: Comment) => x.id)).toEqual([
          existing,
        ])
      })
    })

    describe("GET /admin/note-comments, POST …/{id}/hide and …/restore", () => {
      it("lists live comments newest first with filters, hides and restores idempotently with exact counts, and refuses bad input", async () => {
        const a = await customer("ada@comments.test", "Ada")
        const b = await customer("bo@comments.test")
        const c1 = (await comment(a, "Great serum")).data.comment.id
        const c2 = (await comment(b, "Buy SPAM here 100%")).data.comment.id
        const r1 = (await comment(a, "Reported", { parent_id: c2 })).data
          .comment.id
        const merchantNote = (
          await api.post(
            "/admin/notes",
            { title: "Merchant note", body: "b", status: "published" },
            f.adminHeaders
          )
        ).data.note.id
        const c3 = (await comment(b, "Another", {}, merchantNote)).data.comment
          .id
        const list = async (query = "") =>
          (await api.get(`/admin/note-comments${query}`, f.adminHeaders)).data
        const ids = (page: { comments: { id: string }[] }) =>
          page.comments.map((x) => x.id)

        const all = await list()
        expect(all).toMatchObject({ count: 4, limit: 50, offset: 0 })
        expect(ids(all)).toEqual([c3, r1, c2, c1])
        expect(all.comments[1]).toEqual({
          id: r1,
          note_id: noteId,
          parent_id: c2,
          customer_id: a.id,
          body: "Reported",
          status: "visible",
          hidden_reason: null,
          hidden_at: null,
          created_at: expect.any(String),
          updated_at: expect.any(String),
          note: {
            id: noteId,
            title: "Commented cream",
            buyer_id: author.buyerId,
          },
          author: {
            display_name: "Ada",
            email: "ada@comments.test",
            buyer_id: null,
            buyer_handle: null,
          },
        })
        expect(ids(await list(`?note_id=${noteId}`))).toEqual([r1, c2, c1])
        expect(ids(await list(`?buyer_id=${author.buyerId}`))).toEqual([
          r1,
          c2,
          c1,
        ])
        expect(ids(await list(`?customer_id=${b.id}`))).toEqual([c3, c2])
        expect(ids(await list("?q=spam"))).toEqual([c2])
        // `q` is a literal substring: % and _ are not wildcards.
        expect(ids(await list("?q=100%25"))).toEqual([c2])
        expect(ids(await list("?q=%25%25"))).toEqual([])
        expect(ids(await list("?q=_"))).toEqual([])
        expect(ids(await list("?limit=2&offset=1"))).toEqual([r1, c2])
        const future = "2099-01-01T00:00:00Z"
        expect((await list(`?created_from=${future}`)).count).toBe(0)
        expect((await list(`?created_to=${future}`)).count).toBe(4)

        // Hide: out of the thread and the count; again: nothing changes.
        const hide = (id: string, reason = "spam") =>
          settle(
            api.post(
              `/admin/note-comments/${id}/hide`,
              { reason },
              f.adminHeaders
            )
          )
        const hidden = await hide(c2, "  Spam\u0007 link ")
        expect(hidden.status).toBe(200)
        expect(hidden.data.comments_count).toBe(2)
        expect(hidden.data.comment).toMatchObject({
          id: c2,
          status: "hidden",
          hidden_reason: "Spam link",
          hidden_at: expect.any(String),
        })
        const again = await hide(c2, "Spam link")
        expect(again.data.comments_count).toBe(2)
        expect(again.data.comment.hidden_at).toBe(hidden.data.comment.hidden_at)
        expect(await counts()).toEqual({ counter: 2, rows: 2 })
        expect(ids(await list("?status=hidden"))).toEqual([c2])
        // The thread keeps the hidden comment as a placeholder for its reply.
        const page = await thread()
        expect(page.comments_count).toBe(2)
        expect(page.comments[0]).toMatchObject({
          id: c2,
          removed: true,
          body: null,
        })
        expect(ids({ comments: page.comments[0].replies })).toEqual([r1])
        expect(
          (await comment(a, "More", { parent_id: c2 })).data.message
        ).toMatch(/^parent_id: /)

        // Restore: back in the thread and the count; again: no change.
        const restore = (id: string) =>
          settle(
            api.post(`/admin/note-comments/${id}/restore`, {}, f.adminHeaders)
          )
        const restored = await restore(c2)
        expect(restored.data.comments_count).toBe(3)
        expect(restored.data.comment).toMatchObject({
          status: "visible",
          hidden_reason: null,
          hidden_at: null,
        })
        expect((await restore(c2)).data.comments_count).toBe(3)
        expect((await thread()).comments[0]).toMatchObject({
          id: c2,
          removed: false,
          body: "Buy SPAM here 100%",
        })
        // Moderation works on a note the store no longer shows, too.
        await api.post(
          `/admin/notes/${noteId}/hide`,
          { reason: "review" },
          f.adminHeaders
        )
        expect((await hide(r1)).data.comments_count).toBe(2)
        expect(await counts()).toEqual({ counter: 2, rows: 2 })
        expect((await restore(r1)).data.comments_count).toBe(3)
        expect(await counts()).toEqual({ counter: 3, rows: 3 })
        await api.post(`/admin/notes/${noteId}/restore`, {}, f.adminHeaders)

        // A deleted comment leaves moderation; acting on it is a 404.
        expect((await remove(a, c1)).status).toBe(200)
        expect(ids(await list(`?note_id=${noteId}`))).toEqual([r1, c2])
        expect((await hide(c1)).status).toBe(404)
        expect((await restore("ncmt_missing")).status).toBe(404)

        // Bad input names the field and writes nothing.
        const before = await counts()
        for (const [res, field] of [
          [
            await settle(
              api.post(`/admin/note-comments/${c2}/hide`, {}, f.adminHeaders)
            ),
            "reason",
          ],
          [await hide(c2, " \u0001 "), "reason"],
          [await hide(c2, "x".repeat(501)), "reason"],
          [
            await settle(
              api.post(
                `/admin/note-comments/${c2}/restore`,
                { x: 1 },
                f.adminHeaders
              )
            ),
            "x",
          ],
          [
            await settle(
              api.get(
                "/admin/note-comments?created_from=2026-02-01&created_to=2026-01-01",
                f.adminHeaders
              )
            ),
            "created_to",
          ],
          [
            await settle(
              api.get("/admin/note-comments?status=deleted", f.adminHeaders)
            ),
            "status",
          ],
          [
            await settle(
              api.get("/admin/note-comments?limit=0", f.adminHeaders)
            ),
            "limit",
          ],
        ] as const) {
          expect({ status: res.status, field }).toEqual({ status: 400, field })
          expect(res.data.message).toMatch(new RegExp(`^${field}: `))
        }
        expect(await counts()).toEqual(before)
        expect((await list(`?status=hidden`)).count).toBe(0)
      })
    })

    describe("compensation", () => {
      it("undoes a created, a deleted and a hidden comment, counter included, when a later step fails", async () => {
        const a = await customer("a@comments.test")
        const b = await customer("b@comments.test")
        const c1 = (await comment(a, "Keep me")).data.comment.id
        const c2 = (await comment(a, "Hide me")).data.comment.id
        const snapshot = async () => ({
          rows: await sql(
            getContainer(),
            `SELECT id, body, status, hidden_reason, hidden_at, deleted_at
             FROM note_comment ORDER BY id`
          ),
          counts: await counts(),
        })
        const before = await snapshot()
        expect(before.counts).toEqual({ counter: 2, rows: 2 })

        const { errors } = await everyStepThenFail(getContainer()).run({
          throwOnError: false,
          input: {
            create: { note_id: noteId, customer_id: b.id, body: "Gone" },
            remove: {
              note_id: noteId,
              comment_id: c1,
              customer_id: a.id,
              buyer_id: null,
            },
            hide: {
              id: c2,
              status: "hidden",
              hidden_reason: "spam",
              hidden_at: new Date(),
            },
          },
        })
        expect(errors[0]?.error?.message).toContain("injected failure")
        expect(await snapshot()).toEqual(before)
        // The undone comment used none of b's rate limit.
        for (let i = 0; i < 5; i++) {
          expect((await comment(b, `Again ${i}`)).status).toBe(200)
        }
      })
    })
  },
})
