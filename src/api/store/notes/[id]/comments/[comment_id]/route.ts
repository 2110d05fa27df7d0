import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import type { StoreNoteCommentDeleteResponse } from "../../../../../../types"
import { deleteNoteCommentWorkflow } from "../../../../../../workflows/notes/workflows/delete-note-comment"

/**
 * `DELETE /store/notes/{id}/comments/{comment_id}`: the comment's author
 * or the note's author deletes it. Anyone else, or a comment already gone:
 * 404 (nothing learnt about comments one may not delete).
 */
export async function DELETE(
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse<StoreNoteCommentDeleteResponse>
) {
  const { result } = await deleteNoteCommentWorkflow(req.scope).run({
    input: {
      note_id: req.params.id,
      comment_id: req.params.comment_id,
      customer_id: req.auth_context.actor_id,
    },
  })
  res.json({
    id: result.comment_id,
    object: "note_comment",
    deleted: true,
    comments_count: result.comments_count,
  })
}
