import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { NOTES_MODULE } from "../../../modules/notes"
import type NotesModuleService from "../../../modules/notes/service"
import type { CreateCommentInput } from "../../../modules/notes/utils/comments"

export type CreateNoteCommentStepInput = CreateCommentInput

export const createNoteCommentStepId = "create-note-comment"

/**
 * Writes a comment or a reply on a published note
 * (`NotesModuleService.createComment`: rate-limited per customer, the
 * note's `comments_count` moved in the same transaction). Compensation
 * removes the comment and its count.
 *
 * @example
 * createNoteCommentStep({ note_id: "note_123", customer_id: "cus_1", body: "Lovely" })
 */
export const createNoteCommentStep = createStep(
  createNoteCommentStepId,
  async (input: CreateNoteCommentStepInput, { container }) => {
    const service = container.resolve<NotesModuleService>(NOTES_MODULE)
    const result = await service.createComment(input)
    return new StepResponse(result, result.comment.id)
  },
  async (id: string | undefined, { container }) => {
    if (!id) {
      return
    }
    const service = container.resolve<NotesModuleService>(NOTES_MODULE)
    await service.undoCreateComment(id)
  }
)
