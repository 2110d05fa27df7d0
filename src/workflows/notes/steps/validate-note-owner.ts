import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { NOTES_MODULE } from "../../../modules/notes"
import type NotesModuleService from "../../../modules/notes/service"

export const validateNoteOwnerStepId = "validate-note-owner"

/**
 * A buyer acts only on their own notes. Another buyer's note answers
 * NOT_FOUND, exactly like a missing one, so ids cannot be probed.
 *
 * @example
 * validateNoteOwnerStep({ note_id: "note_1", buyer_id: "buyer_1" })
 */
export const validateNoteOwnerStep = createStep(
  validateNoteOwnerStepId,
  async (input: { note_id: string; buyer_id: string }, { container }) => {
    const service = container.resolve<NotesModuleService>(NOTES_MODULE)
    const [note] = await service.listNotes(
      { id: input.note_id, buyer_id: input.buyer_id },
      { select: ["id"], take: 1 }
    )
    if (!note) {
      throw new MedusaError(
        MedusaError.Types.NOT_FOUND,
        `Note with id: ${input.note_id} was not found`
      )
    }
    return new StepResponse(void 0)
  }
)
