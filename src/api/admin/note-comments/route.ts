import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { NOTES_MODULE } from "../../../modules/notes"
import type NotesModuleService from "../../../modules/notes/service"
import type { AdminNoteCommentsResponse } from "../../../types"
import { toAdminComments } from "../../utils/note-comments-read"
import type { AdminGetNoteCommentsParamsType } from "./validators"

/**
 * `GET /admin/note-comments`: live (undeleted) comments of every note,
 * newest first, for moderation; filters `note_id`, `buyer_id` (the note's
 * author), `customer_id` (the commenter), `status`, `q` (in the body),
 * `created_from` / `created_to`.
 */
export async function GET(
  req: AuthenticatedMedusaRequest<unknown, AdminGetNoteCommentsParamsType>,
  res: MedusaResponse<AdminNoteCommentsResponse>
) {
  const params = req.validatedQuery as AdminGetNoteCommentsParamsType
  const service = req.scope.resolve<NotesModuleService>(NOTES_MODULE)
  const { rows, count } = await service.listCommentsForModeration(params)
  res.json({
    comments: await toAdminComments(req.scope, rows),
    count,
    limit: params.limit,
    offset: params.offset,
  })
}
