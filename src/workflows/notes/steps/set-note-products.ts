import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { NOTES_MODULE } from "../../../modules/notes"
import type NotesModuleService from "../../../modules/notes/service"
import type { NoteProductInput } from "../../../types"

export type SetNoteProductsStepInput = {
  note_id: string
  products: NoteProductInput[]
}

export const setNoteProductsStepId = "set-note-products"

/**
 * Makes a note's tagged products exactly the given list. Products that stay
 * keep their buy-link code. Compensation restores the previous list.
 *
 * @example
 * setNoteProductsStep({ note_id: "note_123", products: [{ product_id: "prod_1", x: 0.4, y: 0.6 }] })
 */
export const setNoteProductsStep = createStep(
  setNoteProductsStepId,
  async (input: SetNoteProductsStepInput, { container }) => {
    const service = container.resolve<NotesModuleService>(NOTES_MODULE)
    const change = await service.setNoteProducts(input.note_id, input.products)
    return new StepResponse(change, change)
  },
  async (change, { container }) => {
    if (!change) {
      return
    }
    const service = container.resolve<NotesModuleService>(NOTES_MODULE)
    await service.revertNoteProducts(change)
  }
)
