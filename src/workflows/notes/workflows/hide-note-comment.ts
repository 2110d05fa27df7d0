import { emitEventStep } from "@medusajs/medusa/core-flows"
import {
  createWorkflow,
  transform,
  when,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { sanitizePlainText } from "../../../modules/notes/utils/sanitize"
import { setNoteCommentStatusStep } from "../steps/set-note-comment-status"

export type HideNoteCommentWorkflowInput = { id: string; reason: string }

export const hideNoteCommentWorkflowId = "hide-note-comment"

/**
 * Moderation hides a comment with a reason: it leaves the note's thread
 * and `comments_count`. Idempotent (hiding a hidden comment again only
 * replaces the reason). Emits `note_comment.hidden` `{ id, note_id, reason,
 * comments_count }` when something changed.
 *
 * @example
 * await hideNoteCommentWorkflow(container).run({ input: { id: "ncmt_1", reason: "Spam" } })
 */
export const hideNoteCommentWorkflow = createWorkflow(
  hideNoteCommentWorkflowId,
  (input: HideNoteCommentWorkflowInput) => {
    const reason = transform({ input }, ({ input }) =>
      sanitizePlainText(input.reason)
    )
    const result = setNoteCommentStatusStep(
      transform({ input, reason }, ({ input, reason }) => ({
        id: input.id,
        status: "hidden" as const,
        hidden_reason: reason,
        hidden_at: new Date(),
      }))
    )
    when(
      "note-comment-hidden",
      { result },
      ({ result }) => result.changed
    ).then(() => {
      emitEventStep({
        eventName: "note_comment.hidden",
        data: transform({ result, reason }, ({ result, reason }) => ({
          id: result.id,
          note_id: result.note_id,
          reason,
          comments_count: result.comments_count,
        })),
      })
    })
    return new WorkflowResponse(result)
  }
)
