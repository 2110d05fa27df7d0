import { emitEventStep } from "@medusajs/medusa/core-flows"
import {
  createWorkflow,
  transform,
  when,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import type { UpdateNoteInput } from "../../../types"
import { getNotesForUpdateStep } from "../steps/get-notes-for-update"
import { setNoteProductsStep } from "../steps/set-note-products"
import { updateNotesStep } from "../steps/update-notes"
import { validateNoteAuthorsStep } from "../steps/validate-note-authors"
import { validateNoteProductsStep } from "../steps/validate-note-products"
import { validateNoteTransitionStep } from "../steps/validate-note-transition"
import { prepareNoteProducts, prepareNoteUpdate } from "../utils/prepare-note"

export type UpdateNoteWorkflowInput = { id: string; update: UpdateNoteInput }

export const updateNoteWorkflowId = "update-note"

/**
 * Updates a note's fields and, when `products` is given, replaces its tagged
 * products (products that stay keep their buy-link code). A hidden note can
 * be edited but its status only changes through `restoreNoteWorkflow`.
 * Emits `note.updated`, and `note.published` when the note becomes published.
 *
 * @example
 * await updateNoteWorkflow(container).run({ input: { id: "note_123", update: { status: "published" } } })
 */
export const updateNoteWorkflow = createWorkflow(
  updateNoteWorkflowId,
  (input: UpdateNoteWorkflowInput) => {
    const ids = transform({ input }, ({ input }) => ({ ids: [input.id] }))
    const notes = getNotesForUpdateStep(ids)
    const note = transform({ notes }, ({ notes }) => notes[0])

    validateNoteTransitionStep(
      transform({ note, input }, ({ note, input }) => ({
        note,
        action: "update_status" as const,
        status: input.update.status,
      }))
    )

    const prepared = transform({ note, input }, ({ note, input }) =>
      prepareNoteUpdate(input.id, note, input.update, new Date())
    )
    validateNoteAuthorsStep(
      transform({ note, prepared }, ({ note, prepared }) => [
        {
          field: "buyer_id",
          buyer_id: note.buyer_id,
          publishing: prepared.becomesPublished,
        },
      ])
    )
    const products = transform({ input }, ({ input }) =>
      input.update.products ? prepareNoteProducts(input.update.products) : null
    )

    when({ products }, ({ products }) => products !== null).then(() => {
      validateNoteProductsStep(
        transform({ products }, ({ products }) => [
          { field: "products", products: products ?? [] },
        ])
      )
    })

    updateNotesStep(transform({ prepared }, ({ prepared }) => [prepared.data]))

    when({ products }, ({ products }) => products !== null).then(() => {
      setNoteProductsStep(
        transform({ input, products }, ({ input, products }) => ({
          note_id: input.id,
          products: products ?? [],
        }))
      )
    })

    emitEventStep({
      eventName: "note.updated",
      data: transform({ input }, ({ input }) => ({ id: input.id })),
    }).config({ name: "emit-note-updated" })
    emitEventStep({
      eventName: "note.published",
      data: transform({ input, prepared }, ({ input, prepared }) =>
        prepared.becomesPublished ? [{ id: input.id }] : []
      ),
    }).config({ name: "emit-note-published" })

    return new WorkflowResponse(
      transform({ input }, ({ input }) => ({ id: input.id }))
    )
  }
)
