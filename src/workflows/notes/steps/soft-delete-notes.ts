import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { NOTES_MODULE } from "../../../modules/notes"
import type NotesModuleService from "../../../modules/notes/service"

export const softDeleteNotesStepId = "soft-delete-notes"

/**
 * Soft-deletes notes (and, by cascade, their tagged products). Compensation
 * restores them.
 *
 * @example
 * softDeleteNotesStep(["note_123"])
 */
export const softDeleteNotesStep = createStep(
  softDeleteNotesStepId,
  async (ids: string[], { container }) => {
    const service = container.resolve<NotesModuleService>(NOTES_MODULE)
    await service.softDeleteNotes(ids)
    return new StepResponse(ids, ids)
  },
  async (ids, { container }) => {
    if (!ids?.length) {
      return
    }
    const service = container.resolve<NotesModuleService>(NOTES_MODULE)
    await service.restoreNotes(ids)
  }
)
