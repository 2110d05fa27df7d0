import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { NOTES_MODULE } from "../../../modules/notes"
import type NotesModuleService from "../../../modules/notes/service"

export type UpdateNoteData = {
  id: string
  title?: string
  body?: string
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
    const fields = [
      ...new Set(input.flatMap((u) => Object.keys(u))),
    ] as (keyof UpdateNoteData)[]
    const previous = await service.listNotes(
      { id: input.map((u) => u.id) },
      { select: fields }
    )
    const updated = await service.updateNotes(input as never)
    return new StepResponse(
      updated,
      previous.map((p) => {
        const restore: Record<string, unknown> = {}
        for (const key of fields) {
          restore[key] = (p as Record<string, unknown>)[key]
        }
        return restore
      })
    )
  },
  async (previous, { container }) => {
    if (!previous?.length) {
      return
    }
    const service = container.resolve<NotesModuleService>(NOTES_MODULE)
    await service.updateNotes(previous as never)
  }
)
