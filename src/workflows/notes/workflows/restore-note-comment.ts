import { emitEventStep } from "@medusajs/medusa/core-flows"
import {
  createWorkflow,
  transform,
  when,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { setNoteCommentStatusStep } from "../steps/set-note-comment-status"

export type RestoreNoteCommentWorkflowInput = { id: string }

export const restoreNoteCommentWorkflowId = "restore-note-comment"

/**
 * Moderation lifts a comment's hiding: it is back in the thread and in
 * `comments_count`. Idempotent. Emits `note_comment.restored` `{ id,
 * note_id, comments_count }` when something changed.
 *
 * @example
 * await restoreNoteCommentWorkflow(container).run({ input: { id: "ncmt_1" } })
 */
export const restoreNoteCommentWorkflow = createWorkflow(
  restoreNoteCommentWorkflowId,
  (input: RestoreNoteCommentWorkflowInput) => {
    const result = setNoteCommentStatusStep(
      transform({ input }, ({ input }) => ({
        id: input.id,
        status: "visible" as const,
        hidden_reason: null,
        hidden_at: null,
      }))
    )
    when(
      "note-comment-restored",
      { result },
      ({ result }) => result.changed
    ).then(() => {
      emitEventStep({
        eventName: "note_comment.restored",
        data: transform({ result }, ({ result }) => ({
          id: result.id,
          note_id: result.note_id,
          comments_count: result.comments_count,
        })),
      })
    })
    return new WorkflowResponse(result)
  }
)
