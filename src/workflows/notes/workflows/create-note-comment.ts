import { emitEventStep } from "@medusajs/medusa/core-flows"
import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import {
  createNoteCommentStep,
  type CreateNoteCommentStepInput,
} from "../steps/create-note-comment"

export type CreateNoteCommentWorkflowInput = CreateNoteCommentStepInput

export const createNoteCommentWorkflowId = "create-note-comment"

/**
 * A logged-in customer comments on a published note, or replies to one of
 * its top-level comments (`parent_id`). The body is expected sanitised
 * (plain text, ≤ 1,000 characters: the route's validator). Refused: a note
 * the store does not show (404), a parent that is not a visible top-level
 * comment of the note (400 naming `parent_id`), a customer past the
 * `comment_rate_limit` option (`CommentRateLimited`, a 429 at the route).
 * Emits `note.commented` `{ id, comment_id, customer_id, parent_id,
 * comments_count }`.
 *
 * @example
 * await createNoteCommentWorkflow(container).run({
 *   input: { note_id: "note_123", customer_id: "cus_1", body: "Does it suit dry skin?" },
 * })
 */
export const createNoteCommentWorkflow = createWorkflow(
  createNoteCommentWorkflowId,
  (input: CreateNoteCommentWorkflowInput) => {
    const result = createNoteCommentStep(input)
    emitEventStep({
      eventName: "note.commented",
      data: transform({ result }, ({ result }) => ({
        id: result.note_id,
        comment_id: result.comment.id,
        customer_id: result.comment.customer_id,
        parent_id: result.comment.parent_id,
        comments_count: result.comments_count,
      })),
    })
    return new WorkflowResponse(result)
  }
)
