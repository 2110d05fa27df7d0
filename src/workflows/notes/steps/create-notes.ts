import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { NOTES_MODULE } from "../../../modules/notes"
import type NotesModuleService from "../../../modules/notes/service"
import type { NoteImage, NoteProductInput, NoteStatus } from "../../../types"

/** A note ready to be written: already sanitised by the workflow. */
export type CreateNoteData = {
  title: string
  body: string
  /** `body` rendered to sanitised HTML (null or absent: rendered on read). */
  body_html?: string | null
  images: NoteImage[]
  tags: string[]
  status: NoteStatus
  locale: string | null
  buyer_id: string | null
  /** False when the author buyer is suspended. */
  author_listed: boolean
  published_at: Date | null
  metadata: Record<string, unknown> | null
  products: NoteProductInput[]
}

export type CreateNotesStepInput = CreateNoteData[]

export const createNotesStepId = "create-notes"

/**
 * Creates notes and their tagged products (each with a fresh buy-link code).
 * Compensation deletes what was created.
 *
 * @example
 * createNotesStep([{ title: "Night cream", body: "…", images: [], tags: [], status: "draft", … }])
 */
export const createNotesStep = createStep(
  createNotesStepId,
  async (input: CreateNotesStepInput, { container }) => {
    const service = container.resolve<NotesModuleService>(NOTES_MODULE)
    const created = await service.createNotes(
      input.map(({ products: _products, ...note }) => ({
        ...note,
        images: note.images as unknown as Record<string, unknown>,
      }))
    )
    const ids = created.map((n) => n.id)
    try {
      for (let i = 0; i < created.length; i++) {
        await service.setNoteProducts(created[i].id, input[i].products)
      }
    } catch (e) {
      // The step failed, so its compensation will not run: undo here.
      await service.deleteNotes(ids)
      throw e
    }
    return new StepResponse(
      created.map((n) => ({ id: n.id, status: n.status as NoteStatus })),
      ids
    )
  },
  async (ids, { container }) => {
    if (!ids?.length) {
      return
    }
    const service = container.resolve<NotesModuleService>(NOTES_MODULE)
    await service.deleteNotes(ids)
  }
)
