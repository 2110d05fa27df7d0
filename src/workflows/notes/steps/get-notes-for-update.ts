import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { NOTES_MODULE } from "../../../modules/notes"
import type NotesModuleService from "../../../modules/notes/service"
import { toNoteProductInput } from "../../../modules/notes/utils/product-input"
import type { NoteProductInput, NoteStatus } from "../../../types"

export type NoteForUpdate = {
  id: string
  status: NoteStatus
  published_at: Date | null
  buyer_id: string | null
  products: (NoteProductInput & { product_id: string })[]
}

export const getNotesForUpdateStepId = "get-notes-for-update"

/**
 * Loads the notes a workflow is about to change (status, publication date,
 * author and tagged products), failing with NOT_FOUND for a missing or
 * deleted note. Read-only: nothing to compensate.
 *
 * @example
 * const [note] = getNotesForUpdateStep({ ids: ["note_123"] })
 */
export const getNotesForUpdateStep = createStep(
  getNotesForUpdateStepId,
  async (input: { ids: string[] }, { container }) => {
    const service = container.resolve<NotesModuleService>(NOTES_MODULE)
    const notes = await service.listNotes(
      { id: input.ids },
      {
        select: ["id", "status", "published_at", "buyer_id"],
        relations: ["products"],
      }
    )
    const byId = new Map(notes.map((n) => [n.id, n]))
    const out: NoteForUpdate[] = input.ids.map((id) => {
      const n = byId.get(id)
      if (!n) {
        throw new MedusaError(
          MedusaError.Types.NOT_FOUND,
          `Note with id: ${id} was not found`
        )
      }
      return {
        id: n.id,
        status: n.status as NoteStatus,
        published_at: (n.published_at as Date | null) ?? null,
        buyer_id: n.buyer_id ?? null,
        products: [...(n.products ?? [])]
          .sort((a, b) => a.position - b.position)
          .map(toNoteProductInput),
      }
    })
    return new StepResponse(out)
  }
)
