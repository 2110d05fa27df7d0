import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { NOTES_MODULE } from "../../../modules/notes"
import type NotesModuleService from "../../../modules/notes/service"
import type {
  NoteReactionKind,
  SetReactionResult,
} from "../../../modules/notes/service"

export type SetNoteReactionStepInput = {
  note_id: string
  customer_id: string
  kind: NoteReactionKind
  on: boolean
}

export const setNoteReactionStepId = "set-note-reaction"

/**
 * Likes or saves a published note for a customer, or undoes it
 * (`NotesModuleService.setReaction`: idempotent, counter exact). A note the
 * store does not show is a 404. Compensation undoes the change, if there
 * was one.
 *
 * @example
 * setNoteReactionStep({ note_id: "note_123", customer_id: "cus_1", kind: "like", on: true })
 */
export const setNoteReactionStep = createStep(
  setNoteReactionStepId,
  async (input: SetNoteReactionStepInput, { container }) => {
    const service = container.resolve<NotesModuleService>(NOTES_MODULE)
    const result = await service.setReaction({ ...input, public_only: true })
    return new StepResponse(result, result)
  },
  async (result: SetReactionResult | undefined, { container }) => {
    if (!result?.changed) {
      return
    }
    const service = container.resolve<NotesModuleService>(NOTES_MODULE)
    await service.setReaction({
      note_id: result.note_id,
      customer_id: result.customer_id,
      kind: result.kind,
      on: !result.on,
      public_only: false,
    })
  }
)
