import { emitEventStep } from "@medusajs/medusa/core-flows"
import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { deleteNoteCommentStep } from "../steps/delete-note-comment"
import { getCustomerBuyerIdStep } from "../steps/get-customer-buyer-id"

export type DeleteNoteCommentWorkflowInput = {
  note_id: string
  comment_id: string
  /** The logged-in customer. */
  customer_id: string
}

export const deleteNoteCommentWorkflowId = "delete-note-comment"

/**
 * Deletes (soft) a comment of a published note for the comment's author or
 * for the note's author (the buyer whose customer is logged in). Anyone
 * else, or a comment that is gone: 404, as for one that never existed.
 * Emits `note_comment.deleted` `{ id, note_id, comments_count }`.
 *
 * @example
 * await deleteNoteCommentWorkflow(container).run({
 *   input: { note_id: "note_123", comment_id: "ncmt_1", customer_id: "cus_1" },
 * })
 */
export const deleteNoteCommentWorkflow = createWorkflow(
  deleteNoteCommentWorkflowId,
  (input: DeleteNoteCommentWorkflowInput) => {
    const buyerId = getCustomerBuyerIdStep(
      transform({ input }, ({ input }) => ({ customer_id: input.customer_id }))
    )
    const result = deleteNoteCommentStep(
      transform({ input, buyerId }, ({ input, buyerId }) => ({
        ...input,
        buyer_id: buyerId,
      }))
    )
    emitEventStep({
      eventName: "note_comment.deleted",
      data: transform({ result }, ({ result }) => ({
        id: result.comment_id,
        note_id: result.note_id,
        comments_count: result.comments_count,
      })),
    })
    return new WorkflowResponse(result)
  }
)
