import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { NOTES_MODULE } from "../../../modules/notes"
import type NotesModuleService from "../../../modules/notes/service"

export type NoteEngagementCounts = {
  note_id: string
  clicks: number
  orders: number
}

export const setNoteEngagementStepId = "set-note-engagement"

/**
 * Writes notes' click and order counts (the trending score's inputs; the
 * notes module's trigger rescores them). Compensation puts back the
 * previous counts of the notes it changed.
 *
 * @example
 * setNoteEngagementStep([{ note_id: "note_123", clicks: 40, orders: 2 }])
 */
export const setNoteEngagementStep = createStep(
  setNoteEngagementStepId,
  async (input: NoteEngagementCounts[], { container }) => {
    const service = container.resolve<NotesModuleService>(NOTES_MODULE)
    const previous = await service.setEngagementCounts(input)
    return new StepResponse({ changed: previous.length }, previous)
  },
  async (previous: NoteEngagementCounts[] | undefined, { container }) => {
    if (!previous?.length) {
      return
    }
    const service = container.resolve<NotesModuleService>(NOTES_MODULE)
    await service.setEngagementCounts(previous)
  }
)
