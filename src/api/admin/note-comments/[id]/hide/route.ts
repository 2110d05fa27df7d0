import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import type { AdminNoteCommentResponse } from "../../../../../types"
import { hideNoteCommentWorkflow } from "../../../../../workflows/notes/workflows/hide-note-comment"
import { fetchAdminComment } from "../../../../utils/note-comments-read"
import type { AdminHideNoteCommentType } from "../../validators"

/**
 * `POST /admin/note-comments/{id}/hide` `{ reason }`: the comment leaves
 * its thread and the note's `comments_count`. Idempotent.
 */
export async function POST(
  req: AuthenticatedMedusaRequest<AdminHideNoteCommentType>,
  res: MedusaResponse<AdminNoteCommentResponse>
) {
  const { result } = await hideNoteCommentWorkflow(req.scope).run({
    input: { id: req.params.id, reason: req.validatedBody.reason },
  })
  res.json({
    comment: await fetchAdminComment(req.scope, req.params.id),
    comments_count: result.comments_count,
  })
}
