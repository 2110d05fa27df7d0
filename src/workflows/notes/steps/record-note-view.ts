import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { NOTES_MODULE } from "../../../modules/notes"
import type NotesModuleService from "../../../modules/notes/service"

export type RecordNoteViewStepInput = {
  note_id: string
  visitor_id: string
}

export const recordNoteViewStepId = "record-note-view"

/**
 * Counts a visitor's view of a note the store shows, at most once per UTC
 * day (`NotesModuleService.recordView`: one statement, counter exact). A
 * note the store does not show is a 404. Compensation removes the view it
 * counted, if it counted one.
 *
 * @example
 * recordNoteViewStep({ note_id: "note_123", visitor_id: "v_0123456789abcdef" })
 */
export const recordNoteViewStep = createStep(
  recordNoteViewStepId,
  async (input: RecordNoteViewStepInput, { container }) => {
    const service = container.resolve<NotesModuleService>(NOTES_MODULE)
    const result = await service.recordView(input)
    return new StepResponse(result, result)
  },
  async (result, { container }) => {
    if (!result?.counted || !result.day) {
      return
    }
    const service = container.resolve<NotesModuleService>(NOTES_MODULE)
    await service.removeView({
      note_id: result.note_id,
      visitor_id: result.visitor_id,
      day: result.day,
    })
  }
)
