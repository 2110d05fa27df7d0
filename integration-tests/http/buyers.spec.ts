import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import {
  StoreFixture,
  createCustomerSession,
  createStoreFixture,
  settle,
} from "../helpers/fixtures"

jest.setTimeout(120 * 1000)

type Session = Awaited<ReturnType<typeof createCustomerSession>>

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let f: StoreFixture
    let lin: Session
    let bo: Session

    beforeEach(async () => {
      f = await createStoreFixture(getContainer())
      lin = await createCustomerSession(getContainer(), f, "lin@buyers.test")
      bo = await createCustomerSession(getContainer(), f, "bo@buyers.test")
    })

    const apply = (s: Session, handle: string) =>
      api.post(
        "/store/buyers",
        { handle, display_name: handle.toUpperCase() },
        s.headers
      )

    const approve = async (id: string) =>
      api.post(`/admin/buyers/${id}/approve`, {}, f.adminHeaders)

    describe("applying and the profile", () => {
      it("applies once, pending, and reads and edits its own profile", async () => {
        const res = await apply(lin, "Lin_Xiao")
        expect(res.data.buyer).toMatchObject({
          handle: "lin_xiao",
          display_name: "LIN_XIAO",
          status: "pending",
          tier: "default",
          customer_id: lin.id,
        })
        const again = await settle(apply(lin, "other"))
        expect(again.status).toBe(422)
        expect(again.data.message).toContain("already has a buyer profile")

        const me = await api.get("/store/buyers/me", lin.headers)
        expect(me.data.buyer.id).toBe(res.data.buyer.id)
        const edited = await api.post(
          "/store/buyers/me",
          { display_name: "Lin", bio: "Skincare nerd" },
          lin.headers
        )
        expect(edited.data.buyer).toMatchObject({
          display_name: "Lin",
          bio: "Skincare nerd",
        })
      })

      it("rejects bad applications with a 4xx naming the field", async () => {
        await apply(lin, "taken")
        const cases: [Record<string, unknown>, number, string][] = [
          [{ handle: "taken", display_name: "x" }, 422, "handle"],
          [{ handle: "ab", display_name: "x" }, 400, "handle"],
          [{ handle: "has space", display_name: "x" }, 400, "handle"],
          [{ handle: "admin", display_name: "x" }, 400, "handle"],
          [{ handle: "good", display_name: "" }, 400, "display_name"],
          [
            { handle: "good", display_name: "x", avatar_url: "javascript:x" },
            400,
            "avatar_url",
          ],
          [
            { handle: "good", display_name: "x", status: "approved" },
            400,
            "status",
          ],
        ]
        for (const [body, status, field] of cases) {
          const res = await settle(api.post("/store/buyers", body, bo.headers))
          expect({ field, status: res.status }).toEqual({ field, status })
          expect(res.data.message).toContain(field)
        }
        const none = await settle(api.get("/store/buyers/me", bo.headers))
        expect(none.status).toBe(404)
      })

      it("needs a logged-in customer", async () => {
        expect(
          (
            await settle(
              api.post(
                "/store/buyers",
                { handle: "x1x", display_name: "x" },
                f.storeHeaders
              )
            )
          ).status
        ).toBe(401)
        expect(
          (await settle(api.get("/store/buyers/me", f.storeHeaders))).status
        ).toBe(401)
        expect(
          (await settle(api.get("/store/buyers/me/notes", f.storeHeaders)))
            .status
        ).toBe(401)
      })

      it("cannot edit status or tier from the store", async () => {
        await apply(lin, "lin")
        for (const body of [
          { status: "approved" },
          { tier: "gold" },
          { customer_id: bo.id },
        ]) {
          const res = await settle(
            api.post("/store/buyers/me", body, lin.headers)
          )
          expect(res.status).toBe(400)
        }
        expect(
          (await api.get("/store/buyers/me", lin.headers)).data.buyer.status
        ).toBe("pending")
      })
    })

    describe("buyers' notes", () => {
      it("only an approved buyer publishes; a pending one keeps drafts", async () => {
        await apply(lin, "lin")
        const note = {
          title: "My cream",
          body: "这款面霜很好用",
          products: [{ product_id: f.products[0].id }],
        }
        const refused = await settle(
          api.post(
            "/store/buyers/me/notes",
            { ...note, status: "published" },
            lin.headers
          )
        )
        expect(refused.status).toBe(400)
        expect(refused.data.message).toContain("status")
        const draft = await api.post(
          "/store/buyers/me/notes",
          note,
          lin.headers
        )
        expect(draft.data.note).toMatchObject({ status: "draft" })

        const me = (await api.get("/store/buyers/me", lin.headers)).data.buyer
        await approve(me.id)
        const published = await api.post(
          `/store/buyers/me/notes/${draft.data.note.id}`,
          { status: "published" },
          lin.headers
        )
        expect(published.data.note.status).toBe("published")
        expect(published.data.note.buyer_id).toBe(me.id)

        const store = await api.get(
          `/store/notes/${draft.data.note.id}`,
          f.storeHeaders
        )
        expect(store.data.note.buyer).toEqual({
          id: me.id,
          handle: "lin",
          display_name: "LIN",
          avatar_url: null,
        })
        const byHandle = await api.get("/store/notes?buyer=lin", f.storeHeaders)
        expect(byHandle.data.count).toBe(1)
        const unknownHandle = await api.get(
          "/store/notes?buyer=nobody",
          f.storeHeaders
        )
        expect(unknownHandle.data).toMatchObject({ count: 0, notes: [] })
      })

      it("never lets a customer act on another customer's profile or notes", async () => {
        await apply(lin, "lin")
        await apply(bo, "bobo")
        const linNote = (
          await api.post(
            "/store/buyers/me/notes",
            { title: "Lin's", body: "b" },
            lin.headers
          )
        ).data.note
        // Bo cannot read, edit or list Lin's note.
        expect(
          (
            await settle(
              api.get(`/store/buyers/me/notes/${linNote.id}`, bo.headers)
            )
          ).status
        ).toBe(404)
        const edit = await settle(
          api.post(
            `/store/buyers/me/notes/${linNote.id}`,
            { title: "hacked" },
            bo.headers
          )
        )
        expect(edit.status).toBe(404)
        expect(
          (await api.get("/store/buyers/me/notes", bo.headers)).data.count
        ).toBe(0)
        // A buyer_id in the body is refused, not honoured.
        const me = (await api.get("/store/buyers/me", lin.headers)).data.buyer
        const forged = await settle(
          api.post(
            "/store/buyers/me/notes",
            { title: "x", body: "y", buyer_id: me.id },
            bo.headers
          )
        )
        expect(forged.status).toBe(400)
        expect(forged.data.message).toContain("buyer_id")
        expect(
          (await api.get(`/store/buyers/me/notes/${linNote.id}`, lin.headers))
            .data.note.title
        ).toBe("Lin's")
        // A customer without a profile cannot write notes.
        const nobody = await createCustomerSession(
          getContainer(),
          f,
          "no@buyers.test"
        )
        expect(
          (
            await settle(
              api.post(
                "/store/buyers/me/notes",
                { title: "x", body: "y" },
                nobody.headers
              )
            )
          ).status
        ).toBe(404)
      })

      it("lists the buyer's own notes in every status", async () => {
        await apply(lin, "lin")
        const me = (await api.get("/store/buyers/me", lin.headers)).data.buyer
        await approve(me.id)
        await api.post(
          "/store/buyers/me/notes",
          { title: "d", body: "b" },
          lin.headers
        )
        await api.post(
          "/store/buyers/me/notes",
          { title: "p", body: "b", status: "published" },
          lin.headers
        )
        const all = await api.get("/store/buyers/me/notes", lin.headers)
        expect(all.data.count).toBe(2)
        const drafts = await api.get(
          "/store/buyers/me/notes?status=draft",
          lin.headers
        )
        expect(
          drafts.data.notes.map((n: { title: string }) => n.title)
        ).toEqual(["d"])
        const bad = await settle(
          api.get("/store/buyers/me/notes?limit=500", lin.headers)
        )
        expect(bad.status).toBe(400)
      })
    })

    describe("admin", () => {
      it("lists, filters, approves, suspends with a reason and sets the tier", async () => {
        const a = (await apply(lin, "lin")).data.buyer
        const b = (await apply(bo, "bobo")).data.buyer
        const pending = await api.get(
          "/admin/buyers?status=pending",
          f.adminHeaders
        )
        expect(pending.data.count).toBe(2)
        expect(
          (
            await api.get("/admin/buyers?q=bob", f.adminHeaders)
          ).data.buyers.map((x: { id: string }) => x.id)
        ).toEqual([b.id])

        // Bad input on the read and action routes: 400 naming the key; unknown id: 404.
        for (const res of [
          await settle(api.get(`/admin/buyers/${a.id}?foo=1`, f.adminHeaders)),
          await settle(
            api.post(
              `/admin/buyers/${a.id}/approve`,
              { foo: 1 },
              f.adminHeaders
            )
          ),
          await settle(api.get("/store/buyers/me?foo=1", lin.headers)),
        ]) {
          expect(res.status).toBe(400)
          expect(JSON.stringify(res.data)).toContain("foo")
        }
        expect(
          (await settle(api.get("/admin/buyers/buyer_nope", f.adminHeaders)))
            .status
        ).toBe(404)
        expect(
          (await api.get(`/admin/buyers/${a.id}`, f.adminHeaders)).data.buyer.id
        ).toBe(a.id)

        const approved = await approve(a.id)
        expect(approved.data.buyer).toMatchObject({ status: "approved" })
        expect(approved.data.buyer.approved_at).toBeTruthy()
        const twice = await settle(approve(a.id))
        expect(twice.status).toBe(409)
        expect(twice.data.message).toContain("already approved")

        const tier = await api.post(
          `/admin/buyers/${a.id}`,
          { tier: "gold" },
          f.adminHeaders
        )
        expect(tier.data.buyer.tier).toBe("gold")
        expect(
          (await api.get("/admin/buyers?tier=gold", f.adminHeaders)).data.count
        ).toBe(1)

        const noReason = await settle(
          api.post(`/admin/buyers/${a.id}/suspend`, {}, f.adminHeaders)
        )
        expect(noReason.status).toBe(400)
        expect(noReason.data.message).toContain("reason")
        const suspended = await api.post(
          `/admin/buyers/${a.id}/suspend`,
          { reason: "Fake reviews" },
          f.adminHeaders
        )
        expect(suspended.data.buyer).toMatchObject({
          status: "suspended",
          suspended_reason: "Fake reviews",
        })

        for (const [path, body] of [
          ["/admin/buyers/buyer_missing/approve", {}],
          ["/admin/buyers/buyer_missing/suspend", { reason: "x" }],
          ["/admin/buyers/buyer_missing", { tier: "x" }],
        ] as const) {
          expect(
            (await settle(api.post(path, body, f.adminHeaders))).status
          ).toBe(404)
        }
        for (const qs of ["status=banned", "limit=101", "foo=1"]) {
          const res = await settle(
            api.get(`/admin/buyers?${qs}`, f.adminHeaders)
          )
          expect({ qs, status: res.status }).toEqual({ qs, status: 400 })
        }
        expect(
          (
            await settle(
              api.post(`/admin/buyers/${a.id}`, { tier: "a b" }, f.adminHeaders)
            )
          ).status
        ).toBe(400)
        expect(
          (await settle(api.get("/admin/buyers", lin.headers))).status
        ).toBe(401)
      })

      it("a suspended buyer's notes leave the store and come back on reinstatement", async () => {
        const a = (await apply(lin, "lin")).data.buyer
        await approve(a.id)
        const note = (
          await api.post(
            "/store/buyers/me/notes",
            { title: "Glow serum", body: "glowing skin", status: "published" },
            lin.headers
          )
        ).data.note
        const merchant = (
          await api.post(
            "/admin/notes",
            { title: "Store glow pick", body: "glowing", status: "published" },
            f.adminHeaders
          )
        ).data.note
        expect(
          (await api.get("/store/notes?q=glowing", f.storeHeaders)).data.count
        ).toBe(2)

        await api.post(
          `/admin/buyers/${a.id}/suspend`,
          { reason: "Spam" },
          f.adminHeaders
        )
        const after = await api.get("/store/notes?q=glowing", f.storeHeaders)
        expect(after.data.notes.map((n: { id: string }) => n.id)).toEqual([
          merchant.id,
        ])
        expect(
          (await settle(api.get(`/store/notes/${note.id}`, f.storeHeaders)))
            .status
        ).toBe(404)
        // The buyer still sees it, and cannot publish new notes.
        expect(
          (await api.get(`/store/buyers/me/notes/${note.id}`, lin.headers)).data
            .note.author_listed
        ).toBe(false)
        const refused = await settle(
          api.post(
            "/store/buyers/me/notes",
            { title: "x", body: "y", status: "published" },
            lin.headers
          )
        )
        expect(refused.status).toBe(400)
        // Admin cannot publish for a suspended buyer either.
        const adminRefused = await settle(
          api.post(
            "/admin/notes",
            { title: "x", body: "y", status: "published", buyer_id: a.id },
            f.adminHeaders
          )
        )
        expect(adminRefused.status).toBe(400)

        await approve(a.id)
        expect(
          (await api.get(`/store/notes/${note.id}`, f.storeHeaders)).status
        ).toBe(200)
      })

      it("refuses an admin note for a buyer that does not exist", async () => {
        const res = await settle(
          api.post(
            "/admin/notes",
            { title: "x", body: "y", buyer_id: "buyer_nope" },
            f.adminHeaders
          )
        )
        expect(res.status).toBe(400)
        expect(res.data.message).toContain("buyer_id")
      })
    })
  },
})
