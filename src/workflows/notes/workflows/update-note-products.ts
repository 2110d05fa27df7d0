import { emitEventStep } from "@medusajs/medusa/core-flows"
import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import type { NoteProductInput } from "../../../types"
import { getNotesForUpdateStep } from "../steps/get-notes-for-update"
import { setNoteProductsStep } from "../steps/set-note-products"
import { validateNoteProductsStep } from "../steps/validate-note-products"
import { validateProductsNotTaggedStep } from "../steps/validate-products-not-tagged"
import { prepareNoteProducts } from "../utils/prepare-note"

export type UpdateNoteProductsWorkflowInput = {
  note_id: string
  /** Tags these products; one the note already tags is a conflict (409). */
  add?: NoteProductInput[]
  /** Untags these product ids; ids not tagged are ignored. */
  remove?: string[]
}

export const updateNoteProductsWorkflowId = "update-note-products"

/**
 * Tags and untags products on a note. A product that stays tagged keeps its
 * buy-link code; new products are appended after the existing ones unless a
 * position is given. Emits `note.updated`.
 *
 * @example
 * await updateNoteProductsWorkflow(container).run({
 *   input: { note_id: "note_123", add: [{ product_id: "prod_9" }], remove: ["prod_1"] },
 * })
 */
export const updateNoteProductsWorkflow = createWorkflow(
  updateNoteProductsWorkflowId,
  (input: UpdateNoteProductsWorkflowInput) => {
    const notes = getNotesForUpdateStep(
      transform({ input }, ({ input }) => ({ ids: [input.note_id] }))
    )

    validateProductsNotTaggedStep(
      transform({ notes, input }, ({ notes, input }) => ({
        tagged: notes[0].products.map((p) => p.product_id),
        add: (input.add ?? []).map((p) => p.product_id),
        remove: input.remove ?? [],
      }))
    )

    validateNoteProductsStep(
      transform({ input }, ({ input }) => [
        { field: "add", products: input.add ?? [] },
      ])
    )

    const next = transform({ notes, input }, ({ notes, input }) => {
      const removed = new Set(input.remove ?? [])
      const added = new Map((input.add ?? []).map((p) => [p.product_id, p]))
      const kept = notes[0].products.filter(
        (p) => !removed.has(p.product_id) && !added.has(p.product_id)
      )
      const replaced = notes[0].products
        .filter((p) => added.has(p.product_id))
        .map((p) => ({
          ...added.get(p.product_id)!,
          position: added.get(p.product_id)!.position ?? p.position,
        }))
      let nextPosition =
        notes[0].products.reduce(
          (max, p) => Math.max(max, p.position ?? 0),
          -1
        ) + 1
      const appended = (input.add ?? [])
        .filter(
          (p) => !notes[0].products.some((e) => e.product_id === p.product_id)
        )
        .map((p) => ({ ...p, position: p.position ?? nextPosition++ }))
      return {
        note_id: input.note_id,
        products: prepareNoteProducts([...kept, ...replaced, ...appended]),
      }
    })
    setNoteProductsStep(next)

    emitEventStep({
      eventName: "note.updated",
      data: transform({ input }, ({ input }) => ({ id: input.note_id })),
    })

    return new WorkflowResponse(
      transform({ input }, ({ input }) => ({ id: input.note_id }))
    )
  }
)
