import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { MedusaError } from "@medusajs/framework/utils"
import {
  createStep,
  createWorkflow,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { NOTES_MODULE } from "../../src/modules/notes"
import type NotesModuleService from "../../src/modules/notes/service"
import {
  createNotesStep,
  createNotesWorkflow,
  setNoteProductsStep,
  softDeleteNotesStep,
  updateNotesStep,
} from "../../src/workflows"
import { createStoreFixture, sql, StoreFixture } from "../helpers/fixtures"

jest.setTimeout(120 * 1000)

const failStep = createStep("notes-test-fail", async () => {
  throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, "injected failure")
})

type Input = {
  create: Parameters<typeof createNotesStep>[0]
  update: Parameters<typeof updateNotesStep>[0]
  products: Parameters<typeof setNoteProductsStep>[0]
  remove: string[]
}

// Runs every mutating note step, then fails: each step's compensation must
// put the database back exactly as it was.
const everyStepThenFail = createWorkflow(
  "notes-test-every-step-then-fail",
  (input: Input) => {
    createNotesStep(input.create)
    updateNotesStep(input.update)
    setNoteProductsStep(input.products)
    softDeleteNotesStep(input.remove)
    failStep()
    return new WorkflowResponse(void 0)
  }
)

const deleteThenFail = createWorkflow(
  "notes-test-delete-then-fail",
  (ids: string[]) => {
    softDeleteNotesStep(ids)
    failStep()
    return new WorkflowResponse(void 0)
  }
)

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ getContainer }) => {
    let f: StoreFixture

    beforeEach(async () => {
      f = await createStoreFixture(getContainer())
    })

    const snapshot = async () => ({
      notes: await sql(
        getContainer(),
        "select id, title, body, tags, status, published_at, deleted_at from note order by id"
      ),
      products: await sql(
        getContainer(),
        "select id, note_id, product_id, position, x, y, caption, code, deleted_at from note_product order by id"
      ),
    })

    it("compensates every mutating step when a later step fails", async () => {
      const container = getContainer()
      const { result } = await createNotesWorkflow(container).run({
        input: {
          notes: [
            {
              title: "Keep me",
              body: "original",
              status: "published",
              products: [
                { product_id: f.products[0].id, x: 0.2, y: 0.3 },
                { product_id: f.products[1].id },
              ],
            },
            { title: "Delete me", body: "x", status: "draft" },
          ],
        },
      })
      const [keep, del] = result
      const before = await snapshot()

      const { errors } = await everyStepThenFail(container).run({
        input: {
          create: [
            {
              title: "New",
              body: "b",
              images: [],
              tags: [],
              status: "draft",
              locale: null,
              buyer_id: null,
              author_listed: true,
              published_at: null,
              metadata: null,
              products: [{ product_id: f.products[2].id }],
            },
          ],
          update: [
            { id: keep.id, title: "Changed", body: "changed", status: "draft" },
          ],
          products: {
            note_id: keep.id,
            products: [
              { product_id: f.products[2].id },
              { product_id: f.products[0].id, caption: "c" },
            ],
          },
          remove: [del.id],
        },
        throwOnError: false,
      })
      expect(errors[0]?.error?.message).toContain("injected failure")
      expect(await snapshot()).toEqual(before)
    })

    it("undoing a delete restores only the products that were tagged", async () => {
      const container = getContainer()
      const {
        result: [note],
      } = await createNotesWorkflow(container).run({
        input: {
          notes: [
            {
              title: "Tagged, untagged, tagged again",
              body: "b",
              status: "draft",
              products: [
                { product_id: f.products[0].id },
                { product_id: f.products[1].id },
              ],
            },
          ],
        },
      })
      const service = container.resolve<NotesModuleService>(NOTES_MODULE)
      // Untag product 0, then tag it again: its first row stays deleted.
      await service.setNoteProducts(note.id, [{ product_id: f.products[1].id }])
      await service.setNoteProducts(note.id, [
        { product_id: f.products[1].id },
        { product_id: f.products[0].id },
      ])
      const before = await snapshot()
      expect(
        (before.products as { deleted_at: unknown }[]).filter(
          (p) => p.deleted_at
        )
      ).toHaveLength(1)

      const { errors } = await deleteThenFail(container).run({
        input: [note.id],
        throwOnError: false,
      })
      expect(errors[0]?.error?.message).toContain("injected failure")
      expect(await snapshot()).toEqual(before)
    })

    it("leaves nothing behind when product validation fails", async () => {
      const { errors } = await createNotesWorkflow(getContainer()).run({
        input: {
          notes: [
            {
              title: "ok",
              body: "b",
              products: [{ product_id: f.products[0].id }],
            },
            {
              title: "bad",
              body: "b",
              products: [{ product_id: "prod_missing" }],
            },
          ],
        },
        throwOnError: false,
      })
      expect(errors[0].error.message).toContain(
        "notes[1].products[0].product_id"
      )
      const service = getContainer().resolve<NotesModuleService>(NOTES_MODULE)
      expect(await service.listNotes({}, { withDeleted: true })).toHaveLength(0)
    })
  },
})
