import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { NOTES_MODULE } from "../../../modules/notes"
import type NotesModuleService from "../../../modules/notes/service"

export const setNotesAuthorListedStepId = "set-notes-author-listed"

/**
 * Lists or unlists every note of a buyer in the store. Compensation flips
 * back exactly the notes it changed.
 *
 * @example
 * setNotesAuthorListedStep({ buyer_id: "buyer_1", listed: false })
 */
export const setNotesAuthorListedStep = createStep(
  setNotesAuthorListedStepId,
  async (input: { buyer_id: string; listed: boolean }, { container }) => {
    const service = container.resolve<NotesModuleService>(NOTES_MODULE)
    const changed = await service.setAuthorListed(input.buyer_id, input.listed)
    return new StepResponse(changed, { ids: changed, listed: input.listed })
  },
  async (undo, { container }) => {
    if (!undo?.ids.length) {
      return
    }
    const service = container.resolve<NotesModuleService>(NOTES_MODULE)
    await service.updateNotes(
      undo.ids.map((id) => ({ id, author_listed: !undo.listed })) as never
    )
  }
)
