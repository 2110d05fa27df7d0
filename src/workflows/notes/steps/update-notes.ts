import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { previousValues, touchedFields } from "../../utils/previous-values"
import { NOTES_MODULE } from "../../../modules/notes"
import type NotesModuleService from "../../../modules/notes/service"

export type UpdateNoteData = {
  id: string
  title?: string
  body?: string
  body_html?: string
  images?: unknown
  tags?: string[]
  status?: "draft" | "published" | "hidden"
  locale?: string | null
  published_at?: Date | null
  hidden_reason?: string | null
  hidden_at?: Date | null
  metadata?: Record<string, unknown> | null
}

export type UpdateNotesStepInput = UpdateNoteData[]

export const updateNotesStepId = "update-notes"

/**
 * Updates note fields (not their products). Compensation writes back the
 * previous value of every field it changed.
 *
 * @example
 * updateNotesStep([{ id: "note_123", title: "New title" }])
 */
export const updateNotesStep = createStep(
  updateNotesStepId,
  async (input: UpdateNotesStepInput, { container }) => {
    const service = container.resolve<NotesModuleService>(NOTES_MODULE)
    const fields = touchedFields(input)
    const current = await service.listNotes(
      { id: input.map((u) => u.id) },
      { select: fields as string[] }
    )
    const updated = await service.updateNotes(input as never)
    return new StepResponse(updated, previousValues(fields, current))
  },
  async (previous, { container }) => {
    if (!previous?.length) {
      return
    }
    const service = container.resolve<NotesModuleService>(NOTES_MODULE)
    await service.updateNotes(previous as never)
  }
)
