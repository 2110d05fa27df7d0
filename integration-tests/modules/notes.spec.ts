import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import path from "node:path"
import { NOTES_MODULE } from "../../src/modules/notes"
import Note from "../../src/modules/notes/models/note"
import NoteProduct from "../../src/modules/notes/models/note-product"
import NotesModuleService from "../../src/modules/notes/service"

jest.setTimeout(60 * 1000)

const resolve = path.join(__dirname, "../../src/modules/notes")

moduleIntegrationTestRunner<NotesModuleService>({
  moduleName: NOTES_MODULE,
  moduleModels: [Note, NoteProduct],
  resolve,
  pathToMigrations: path.join(resolve, "migrations"),
  moduleOptions: { buy_link_base_url: "https://api.shop.example" },
  testSuite: ({ service }) => {
    const note = (
      title: string,
      body: string,
      extra: Record<string, unknown> = {}
    ) =>
      service.createNotes({
        title,
        body,
        tags: [],
        status: "published",
        published_at: new Date(),
        ...extra,
      } as never)

    describe("setNoteProducts", () => {
      it("keeps codes of kept products, mints new ones, and reverts exactly", async () => {
        const n = await note("t", "b")
        const first = await service.setNoteProducts(n.id, [
          { product_id: "prod_a", x: 0.5, y: 0.5 },
          { product_id: "prod_b" },
        ])
        expect(first.created_ids).toHaveLength(2)
        const before = await service.listNoteProducts(
          { note_id: n.id },
          { order: { position: "ASC" } }
        )
        const codeA = before.find((p) => p.product_id === "prod_a")!.code

        const change = await service.setNoteProducts(n.id, [
          { product_id: "prod_c" },
          { product_id: "prod_a", caption: "kept" },
        ])
        expect(change.removed_ids).toHaveLength(1)
        expect(change.created_ids).toHaveLength(1)
        const after = await service.listNoteProducts({ note_id: n.id })
        const a = after.find((p) => p.product_id === "prod_a")!
        expect(a.code).toBe(codeA)
        expect(a).toMatchObject({ caption: "kept", position: 1, x: null })
        expect(after.map((p) => p.product_id).sort()).toEqual([
          "prod_a",
          "prod_c",
        ])

        await service.revertNoteProducts(change)
        const reverted = await service.listNoteProducts({ note_id: n.id })
        expect(
          reverted
            .map((p) => [p.product_id, p.code, p.position, p.x, p.caption])
            .sort()
        ).toEqual(
          before
            .map((p) => [p.product_id, p.code, p.position, p.x, p.caption])
            .sort()
        )
      })

      it("refuses a product twice in one note", async () => {
        const n = await note("t", "b")
        await expect(
          service.setNoteProducts(n.id, [
            { product_id: "p" },
            { product_id: "p" },
          ])
        ).rejects.toThrow(/only once/)
      })

      it("never reuses a code, even of an untagged product", async () => {
        const n = await note("t", "b")
        await service.setNoteProducts(n.id, [{ product_id: "p" }])
        const [row] = await service.listNoteProducts({ note_id: n.id })
        await service.setNoteProducts(n.id, [])
        const other = await note("t2", "b2")
        await expect(
          service.createNoteProducts({
            note_id: other.id,
            product_id: "q",
            code: row.code,
          } as never)
        ).rejects.toThrow()
      })
    })

    describe("searchNotes", () => {
      it("finds English by stem and Chinese by substring through the index", async () => {
        const en = await note(
          "Winter skincare",
          "Creams that work when it is cold"
        )
        const zh = await note("冬季护肤", "这款面霜很好用，保湿效果一流")
        await note("Hidden", "cream", { status: "hidden" })
        await note("Gone", "cream").then((g) => service.softDeleteNotes([g.id]))

        expect(
          (await service.searchNotes({ q: "cream", limit: 10, offset: 0 })).ids
        ).toEqual([en.id])
        expect(
          (await service.searchNotes({ q: "面霜", limit: 10, offset: 0 })).ids
        ).toEqual([zh.id])
        expect(
          (await service.searchNotes({ q: "面霜很好", limit: 10, offset: 0 }))
            .ids
        ).toEqual([zh.id])
        expect(
          (await service.searchNotes({ q: "护肤", limit: 10, offset: 0 })).ids
        ).toEqual([zh.id])
        expect(
          (await service.searchNotes({ q: "霜面", limit: 10, offset: 0 })).count
        ).toBe(0)
        const hidden = await service.searchNotes({
          q: "cream",
          statuses: ["hidden"],
          limit: 10,
          offset: 0,
        })
        expect(hidden.count).toBe(1)
      })

      it("updates the search document when the text changes", async () => {
        const n = await note("Plain", "nothing here")
        expect(
          (await service.searchNotes({ q: "serum", limit: 10, offset: 0 }))
            .count
        ).toBe(0)
        await service.updateNotes({
          id: n.id,
          body: "a vitamin serum",
        } as never)
        expect(
          (await service.searchNotes({ q: "serum", limit: 10, offset: 0 })).ids
        ).toEqual([n.id])
      })

      it("builds buy URLs from the module options", () => {
        expect(service.buyUrl("ABCDEFGHJKLM")).toBe(
          "https://api.shop.example/r/ABCDEFGHJKLM"
        )
      })
    })
  },
})
