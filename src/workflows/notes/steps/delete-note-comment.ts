import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { NOTES_MODULE } from "../../../modules/notes"
import type NotesModuleService from "../../../modules/notes/service"
import type { DeleteCommentInput } from "../../../modules/notes/utils/comments"

export type DeleteNoteCommentStepInput = DeleteCommentInput

export const deleteNoteCommentStepId = "delete-note-comment"

/**
 * Soft-deletes a comment for its author or the note's author
 * (`NotesModuleService.deleteComment`; anyone else gets a 404).
 * Compensation brings it back, with its count.
 *
 * @example
 * deleteNoteCommentStep({ note_id: "note_123", comment_id: "ncmt_1", customer_id: "cus_1", buyer_id: null })
 */
export const deleteNoteCommentStep = createStep(
  deleteNoteCommentStepId,
  async (input: DeleteNoteCommentStepInput, { container }) => {
    const service = container.resolve<NotesModuleService>(NOTES_MODULE)
    const result = await service.deleteComment(input)
    return new StepResponse(result, result.comment_id)
  },
  async (id: string | undefined, { container }) => {
    if (!id) {
      return
    }
    const service = container.resolve<NotesModuleService>(NOTES_MODULE)
    await service.undoDeleteComment(id)
  }
)
