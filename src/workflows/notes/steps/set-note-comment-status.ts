import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { NOTES_MODULE } from "../../../modules/notes"
import type NotesModuleService from "../../../modules/notes/service"
import type {
  SetCommentStatusInput,
  SetCommentStatusResult,
} from "../../../modules/notes/utils/comments"

export type SetNoteCommentStatusStepInput = SetCommentStatusInput

export const setNoteCommentStatusStepId = "set-note-comment-status"

/**
 * Moderation: hides a comment (with a reason) or restores it
 * (`NotesModuleService.setCommentStatus`: idempotent, `comments_count`
 * exact). Compensation puts the previous status and reason back.
 *
 * @example
 * setNoteCommentStatusStep({ id: "ncmt_1", status: "hidden", hidden_reason: "spam", hidden_at: new Date() })
 */
export const setNoteCommentStatusStep = createStep(
  setNoteCommentStatusStepId,
  async (input: SetNoteCommentStatusStepInput, { container }) => {
    const service = container.resolve<NotesModuleService>(NOTES_MODULE)
    const result = await service.setCommentStatus(input)
    return new StepResponse(result, result)
  },
  async (result: SetCommentStatusResult | undefined, { container }) => {
    if (!result?.changed) {
      return
    }
    const service = container.resolve<NotesModuleService>(NOTES_MODULE)
    await service.setCommentStatus(result.previous)
  }
)
