import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import type { AdminNoteCommentResponse } from "../../../../../types"
import { restoreNoteCommentWorkflow } from "../../../../../workflows/notes/workflows/restore-note-comment"
import { fetchAdminComment } from "../../../../utils/note-comments-read"

/**
 * `POST /admin/note-comments/{id}/restore`: lifts the hiding; the comment
 * is back in its thread and the count. Idempotent.
 */
export async function POST(
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse<AdminNoteCommentResponse>
) {
  const { result } = await restoreNoteCommentWorkflow(req.scope).run({
    input: { id: req.params.id },
  })
  res.json({
    comment: await fetchAdminComment(req.scope, req.params.id),
    comments_count: result.comments_count,
  })
}
