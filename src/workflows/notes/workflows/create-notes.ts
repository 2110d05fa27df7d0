import { emitEventStep } from "@medusajs/medusa/core-flows"
import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import type { CreateNoteInput } from "../../../types"
import { createNotesStep } from "../steps/create-notes"
import { validateNoteAuthorsStep } from "../steps/validate-note-authors"
import { validateNoteProductsStep } from "../steps/validate-note-products"
import { prepareNoteForCreate } from "../utils/prepare-note"

export type CreateNotesWorkflowInput = { notes: CreateNoteInput[] }

export const createNotesWorkflowId = "create-notes"

/**
 * Creates notes with their tagged products. Checks that the products and
 * variants exist and that the author buyer exists (only an approved buyer's
 * note may be published), cleans the text (Markdown without raw HTML, normalised
 * tags), mints a buy-link code per tagged product, and emits `note.created`
 * (and `note.published` for notes created as published).
 *
 * @example
 * const { result } = await createNotesWorkflow(container).run({
 *   input: { notes: [{ title: "My night routine", body: "…", status: "published",
 *     products: [{ product_id: "prod_123", x: 0.42, y: 0.61 }] }] },
 * })
 */
export const createNotesWorkflow = createWorkflow(
  createNotesWorkflowId,
  (input: CreateNotesWorkflowInput) => {
    const toValidate = transform({ input }, ({ input }) =>
      input.notes.map((n, i) => ({
        field: input.notes.length === 1 ? "products" : `notes[${i}].products`,
        products: n.products ?? [],
      }))
    )
    validateNoteProductsStep(toValidate)
    const listed = validateNoteAuthorsStep(
      transform({ input }, ({ input }) =>
        input.notes.map((n, i) => ({
          field: input.notes.length === 1 ? "buyer_id" : `notes[${i}].buyer_id`,
          buyer_id: n.buyer_id ?? null,
          publishing: n.status === "published",
        }))
      )
    )

    const prepared = transform({ input, listed }, ({ input, listed }) => {
      const now = new Date()
      return input.notes.map((n, i) => ({
        ...prepareNoteForCreate(n, now),
        author_listed: listed[i],
      }))
    })
    const created = createNotesStep(prepared)

    const events = transform({ created }, ({ created }) => ({
      created: created.map((n) => ({ id: n.id })),
      published: created
        .filter((n) => n.status === "published")
        .map((n) => ({ id: n.id })),
    }))
    emitEventStep({
      eventName: "note.created",
      data: events.created,
    }).config({ name: "emit-note-created" })
    emitEventStep({
      eventName: "note.published",
      data: events.published,
    }).config({ name: "emit-note-published" })

    return new WorkflowResponse(created)
  }
)
