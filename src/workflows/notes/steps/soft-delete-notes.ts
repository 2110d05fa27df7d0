import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { NOTES_MODULE } from "../../../modules/notes"
import type NotesModuleService from "../../../modules/notes/service"

export const softDeleteNotesStepId = "soft-delete-notes"

/**
 * Soft-deletes notes and their live tagged products. Compensation restores
 * exactly those rows (products untagged earlier stay deleted).
 *
 * @example
 * softDeleteNotesStep(["note_123"])
 */
export const softDeleteNotesStep = createStep(
  softDeleteNotesStepId,
  async (ids: string[], { container }) => {
    const service = container.resolve<NotesModuleService>(NOTES_MODULE)
    const deleted = await service.softDeleteNotesExactly(ids)
    return new StepResponse(ids, deleted)
  },
  async (deleted, { container }) => {
    if (!deleted) {
      return
    }
    const service = container.resolve<NotesModuleService>(NOTES_MODULE)
    await service.restoreNotesExactly(deleted)
  }
)
