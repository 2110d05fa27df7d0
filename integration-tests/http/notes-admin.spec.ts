import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import {
  StoreFixture,
  createStoreFixture,
  settle,
  sql,
} from "../helpers/fixtures"

jest.setTimeout(120 * 1000)

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let f: StoreFixture

    beforeEach(async () => {
      f = await createStoreFixture(getContainer())
    })

    const validNote = () => ({
      title: "My night routine",
      body: "A **rich** cream. 这款面霜很好用",
      images: [{ url: "https://img.example/a.jpg", alt: "jar" }],
      tags: ["#Skincare", "night"],
      status: "published" as const,
      locale: "en",
      products: [
        { product_id: f.products[0].id, x: 0.4, y: 0.6, caption: "the cream" },
        {
          product_id: f.products[1].id,
          variant_id: f.products[1].variants[0].id,
        },
      ],
    })

    describe("POST /admin/notes", () => {
      it("creates a note with tagged products and buy-link codes", async () => {
        const res = await api.post("/admin/notes", validNote(), f.adminHeaders)
        expect(res.status).toBe(200)
        const note = res.data.note
        expect(note.id).toMatch(/^note_/)
        expect(note.status).toBe("published")
        expect(note.published_at).toBeTruthy()
        expect(note.tags).toEqual(["skincare", "night"])
        expect(note.products).toHaveLength(2)
        expect(note.products[0]).toMatchObject({
          product_id: f.products[0].id,
          x: 0.4,
          y: 0.6,
          position: 0,
          caption: "the cream",
        })
        expect(note.products[0].code).toMatch(/^[0-9A-Za-z]{12}$/)
        expect(note.products[1].variant_id).toBe(f.products[1].variants[0].id)
      })

      it("removes raw HTML from the Markdown body", async () => {
        const res = await api.post(
          "/admin/notes",
          {
            ...validNote(),
            body: "Hi <script>alert(1)</script><img src=x onerror=alert(2)> [x](javascript:alert(3))",
          },
          f.adminHeaders
        )
        // Tags dropped (text between them kept), the script link reduced to
        // its text; body_html is rendered from the sanitised body.
        expect(res.data.note.body).toBe("Hi alert(1) x")
        expect(res.data.note.body_html).toBe("<p>Hi alert(1) x</p>\n")
      })

      it.each([
        ["empty title", { title: "" }, "title"],
        ["over-long title", { title: "x".repeat(201) }, "title"],
        ["over-long body", { body: "x".repeat(20_001) }, "body"],
        ["status hidden", { status: "hidden" }, "status"],
        ["unknown field", { unknown_field: 1 }, "unknown_field"],
        ["title of wrong type", { title: 42 }, "title"],
        ["over-long tag", { tags: ["x".repeat(51)] }, "tags"],
        [
          "script image url",
          { images: [{ url: "javascript:alert(1)" }] },
          "images",
        ],
        ["bad locale", { locale: "not a locale!" }, "locale"],
      ])(
        "rejects %s with a 400 naming the field",
        async (_label, patch, field) => {
          const res = await settle(
            api.post(
              "/admin/notes",
              { ...validNote(), ...patch },
              f.adminHeaders
            )
          )
          expect(res.status).toBe(400)
          expect(res.data.message).toContain(field)
          const [{ count }] = await sql<{ count: string }>(
            getContainer(),
            "select count(*) from note"
          )
          expect(Number(count)).toBe(0)
        }
      )

      it("rejects a point outside 0..1, a lone coordinate, and an unknown product", async () => {
        const cases: [Record<string, unknown>, string][] = [
          [{ product_id: f.products[0].id, x: 1.5, y: 0.2 }, "x"],
          [{ product_id: f.products[0].id, x: 0.5 }, "y"],
          [{ product_id: "prod_does_not_exist" }, "products[0].product_id"],
          [
            {
              product_id: f.products[0].id,
              variant_id: f.products[1].variants[0].id,
            },
            "products[0].variant_id",
          ],
          [{ product_id: f.products[0].id, image_index: 3 }, "image_index"],
        ]
        for (const [product, field] of cases) {
          const res = await settle(
            api.post(
              "/admin/notes",
              { ...validNote(), products: [product] },
              f.adminHeaders
            )
          )
          expect({ field, status: res.status }).toEqual({ field, status: 400 })
          expect(res.data.message).toContain(field)
        }
        const twice = await settle(
          api.post(
            "/admin/notes",
            {
              ...validNote(),
              products: [
                { product_id: f.products[0].id },
                { product_id: f.products[0].id },
              ],
            },
            f.adminHeaders
          )
        )
        expect(twice.status).toBe(400)
        expect(twice.data.message).toContain("products[1].product_id")
        const [{ count }] = await sql<{ count: string }>(
          getContainer(),
          "select (select count(*) from note) + (select count(*) from note_product) as count"
        )
        expect(Number(count)).toBe(0)
      })

      it("needs an admin", async () => {
        const res = await settle(api.post("/admin/notes", validNote()))
        expect(res.status).toBe(401)
      })
    })

    describe("GET /admin/notes?order=", () => {
      it("sorts by title, publication or creation both ways, the matches of q too; anything else is a 400", async () => {
        const make = async (title: string, status: "published" | "draft") =>
          (
            await api.post(
              "/admin/notes",
              { ...validNote(), title, status, body: "面霜 cream" },
              f.adminHeaders
            )
          ).data.note.id as string
        // Created in this order: B, then a draft C, then A.
        const b = await make("Bravo", "published")
        const c = await make("Charlie", "draft")
        const a = await make("Alpha", "published")
        const ids = async (qs: string) =>
          (await api.get(`/admin/notes?${qs}`, f.adminHeaders)).data.notes.map(
            (n: { id: string }) => n.id
          )
        expect(await ids("")).toEqual([a, c, b])
        expect(await ids("order=title")).toEqual([a, b, c])
        expect(await ids("order=-title")).toEqual([c, b, a])
        expect(await ids("order=created_at")).toEqual([b, c, a])
        // The draft has no publication date: last both ways.
        expect(await ids("order=published_at")).toEqual([b, a, c])
        expect(await ids("order=-published_at")).toEqual([a, b, c])
        // With q, the order replaces the ranking; the count is the matches'.
        const res = await api.get(
          `/admin/notes?q=${encodeURIComponent("面霜")}&order=title&limit=2`,
          f.adminHeaders
        )
        expect(res.data.notes.map((n: { id: string }) => n.id)).toEqual([a, b])
        expect(res.data.count).toBe(3)
        for (const bad of ["body", "-", "title,created_at", "+title"]) {
          const r = await settle(
            api.get(
              `/admin/notes?order=${encodeURIComponent(bad)}`,
              f.adminHeaders
            )
          )
          expect([bad, r.status]).toEqual([bad, 400])
          expect(r.data.message).toMatch(/^order: /)
        }
      })
    })

    describe("updating, tagging and moderating", () => {
      it("keeps buy-link codes of products that stay tagged", async () => {
        const created = (
          await api.post("/admin/notes", validNote(), f.adminHeaders)
        ).data.note
        const code0 = created.products[0].code
        const res = await api.post(
          `/admin/notes/${created.id}`,
          {
            title: "Renamed",
            products: [
              { product_id: f.products[2].id },
              { product_id: f.products[0].id, x: 0.1, y: 0.2 },
            ],
          },
          f.adminHeaders
        )
        const note = res.data.note
        expect(note.title).toBe("Renamed")
        expect(
          note.products.map((p: { product_id: string }) => p.product_id)
        ).toEqual([f.products[2].id, f.products[0].id])
        expect(note.products[1].code).toBe(code0)
        expect(note.products[1]).toMatchObject({ x: 0.1, y: 0.2 })
      })

      it("rejects bad updates with a 400 naming the field, and unknown notes with 404", async () => {
        const created = (
          await api.post("/admin/notes", validNote(), f.adminHeaders)
        ).data.note
        for (const res of [
          await settle(
            api.get(`/admin/notes/${created.id}?foo=1`, f.adminHeaders)
          ),
          await settle(
            api.delete(`/admin/notes/${created.id}?foo=1`, f.adminHeaders)
          ),
          await settle(
            api.post(
              `/admin/notes/${created.id}/restore`,
              { foo: 1 },
              f.adminHeaders
            )
          ),
          await settle(
            api.post(
              `/admin/notes/${created.id}/hide`,
              { reason: "x".repeat(501) },
              f.adminHeaders
            )
          ),
        ]) {
          expect(res.status).toBe(400)
        }
        const cases: [Record<string, unknown>, string][] = [
          [{ title: "" }, "title"],
          [{ body: 5 }, "body"],
          [{ buyer_id: "buyer_x" }, "buyer_id"],
          [
            { products: [{ product_id: f.products[0].id, x: -0.1, y: 0.5 }] },
            "x",
          ],
          [
            { products: [{ product_id: "prod_missing" }] },
            "products[0].product_id",
          ],
          [{ images: "not a list" }, "images"],
        ]
        for (const [body, field] of cases) {
          const res = await settle(
            api.post(`/admin/notes/${created.id}`, body, f.adminHeaders)
          )
          expect({ field, status: res.status }).toEqual({ field, status: 400 })
          expect(res.data.message).toContain(field)
        }
        const unchanged = await api.get(
          `/admin/notes/${created.id}`,
          f.adminHeaders
        )
        expect(unchanged.data.note.title).toBe(created.title)
        expect(unchanged.data.note.products).toHaveLength(2)

        for (const call of [
          () =>
            api.post(
              "/admin/notes/note_missing",
              { title: "x" },
              f.adminHeaders
            ),
          () => api.delete("/admin/notes/note_missing", f.adminHeaders),
          () =>
            api.post(
              "/admin/notes/note_missing/hide",
              { reason: "r" },
              f.adminHeaders
            ),
          () =>
            api.post("/admin/notes/note_missing/restore", {}, f.adminHeaders),
          () => api.get("/admin/notes/note_missing", f.adminHeaders),
        ]) {
          expect((await settle(call())).status).toBe(404)
        }
      })

      it("tags and untags products", async () => {
        const created = (
          await api.post("/admin/notes", validNote(), f.adminHeaders)
        ).data.note
        const res = await api.post(
          `/admin/notes/${created.id}/products`,
          {
            add: [{ product_id: f.products[2].id, caption: "new" }],
            remove: [f.products[0].id],
          },
          f.adminHeaders
        )
        expect(
          res.data.note.products.map(
            (p: { product_id: string }) => p.product_id
          )
        ).toEqual([f.products[1].id, f.products[2].id])
        const bad = await settle(
          api.post(
            `/admin/notes/${created.id}/products`,
            { add: [{ product_id: "prod_nope" }] },
            f.adminHeaders
          )
        )
        expect(bad.status).toBe(400)
        expect(bad.data.message).toContain("add[0].product_id")
        const empty = await settle(
          api.post(`/admin/notes/${created.id}/products`, {}, f.adminHeaders)
        )
        expect(empty.status).toBe(400)
        const missing = await settle(
          api.post(
            `/admin/notes/note_missing/products`,
            { remove: [f.products[0].id] },
            f.adminHeaders
          )
        )
        expect(missing.status).toBe(404)
      })

      it("hides with a reason and restores; a hidden note's status needs restore", async () => {
        const created = (
          await api.post("/admin/notes", validNote(), f.adminHeaders)
        ).data.note
        const noReason = await settle(
          api.post(`/admin/notes/${created.id}/hide`, {}, f.adminHeaders)
        )
        expect(noReason.status).toBe(400)
        expect(noReason.data.message).toContain("reason")

        const hidden = await api.post(
          `/admin/notes/${created.id}/hide`,
          { reason: "Misleading claims" },
          f.adminHeaders
        )
        expect(hidden.data.note).toMatchObject({
          status: "hidden",
          hidden_reason: "Misleading claims",
        })
        const store = await settle(
          api.get(`/store/notes/${created.id}`, f.storeHeaders)
        )
        expect(store.status).toBe(404)

        const republish = await settle(
          api.post(
            `/admin/notes/${created.id}`,
            { status: "published" },
            f.adminHeaders
          )
        )
        expect(republish.status).toBe(400)
        expect(republish.data.message).toContain("status")

        const restored = await api.post(
          `/admin/notes/${created.id}/restore`,
          {},
          f.adminHeaders
        )
        expect(restored.data.note).toMatchObject({
          status: "published",
          hidden_reason: null,
        })
        expect(restored.data.note.published_at).toBe(created.published_at)
        const again = await settle(
          api.post(`/admin/notes/${created.id}/restore`, {}, f.adminHeaders)
        )
        expect(again.status).toBe(409)
        expect(again.data.message).toContain("is not hidden")
      })

      it("soft-deletes a note: gone from admin and store, rows kept", async () => {
        const created = (
          await api.post("/admin/notes", validNote(), f.adminHeaders)
        ).data.note
        const del = await api.delete(
          `/admin/notes/${created.id}`,
          f.adminHeaders
        )
        expect(del.data).toEqual({
          id: created.id,
          object: "note",
          deleted: true,
        })
        expect(
          (await settle(api.get(`/admin/notes/${created.id}`, f.adminHeaders)))
            .status
        ).toBe(404)
        expect(
          (await settle(api.get(`/store/notes/${created.id}`, f.storeHeaders)))
            .status
        ).toBe(404)
        const rows = await sql(
          getContainer(),
          "select deleted_at from note where id = ?",
          [created.id]
        )
        expect(rows[0].deleted_at).toBeTruthy()
      })

      it("lists with filters and rejects bad list params", async () => {
        await api.post("/admin/notes", validNote(), f.adminHeaders)
        await api.post(
          "/admin/notes",
          {
            ...validNote(),
            title: "Draft idea",
            status: "draft",
            tags: ["ideas"],
          },
          f.adminHeaders
        )
        const all = await api.get("/admin/notes", f.adminHeaders)
        expect(all.data.count).toBe(2)
        const drafts = await api.get(
          "/admin/notes?status=draft",
          f.adminHeaders
        )
        expect(
          drafts.data.notes.map((n: { title: string }) => n.title)
        ).toEqual(["Draft idea"])
        const byTag = await api.get("/admin/notes?tag=%23Ideas", f.adminHeaders)
        expect(byTag.data.count).toBe(1)
        for (const bad of [
          "limit=101",
          "limit=abc",
          "offset=-1",
          "status=deleted",
          "foo=bar",
        ]) {
          const res = await settle(
            api.get(`/admin/notes?${bad}`, f.adminHeaders)
          )
          expect({ bad, status: res.status }).toEqual({ bad, status: 400 })
          expect(res.data.message).toContain(bad.split("=")[0])
        }
      })
    })
  },
})
