import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
  MedusaStoreRequest,
} from "@medusajs/framework/http"
import { NOTES_MODULE } from "../../../../../modules/notes"
import type NotesModuleService from "../../../../../modules/notes/service"
import type {
  StoreNoteCommentResponse,
  StoreNoteCommentsResponse,
} from "../../../../../types"
import { createNoteCommentWorkflow } from "../../../../../workflows/notes/workflows/create-note-comment"
import { withKnownErrors } from "../../../../utils/known-errors"
import {
  toStoreComment,
  toStoreThreads,
} from "../../../../utils/note-comments-read"
import type {
  StoreCreateNoteCommentType,
  StoreGetNoteCommentsParamsType,
} from "./validators"

/**
 * `GET /store/notes/{id}/comments`: public. Top-level comments newest
 * first, each with its visible replies oldest first; a deleted or hidden
 * top-level comment with visible replies stays as a placeholder
 * (`removed: true`). A note the store does not show: 404.
 */
export async function GET(
  req: MedusaStoreRequest<unknown, StoreGetNoteCommentsParamsType>,
  res: MedusaResponse<StoreNoteCommentsResponse>
) {
  const params = req.validatedQuery as StoreGetNoteCommentsParamsType
  const service = req.scope.resolve<NotesModuleService>(NOTES_MODULE)
  const page = await service.listCommentThreads(req.params.id, {
    limit: params.limit,
    offset: params.offset,
  })
  const readerId = req.auth_context?.actor_id
  res.json({
    comments: await toStoreThreads(req.scope, page, readerId || undefined),
    count: page.count,
    limit: params.limit,
    offset: params.offset,
    comments_count: page.comments_count,
  })
}

/**
 * `POST /store/notes/{id}/comments` `{ body, parent_id? }`: the logged-in
 * customer comments, or replies to a top-level comment. 429 with
 * `Retry-After` past the `comment_rate_limit` option.
 */
export async function POST(
  req: AuthenticatedMedusaRequest<StoreCreateNoteCommentType>,
  res: MedusaResponse<StoreNoteCommentResponse>
) {
  await withKnownErrors(res, async () => {
    const { result } = await createNoteCommentWorkflow(req.scope).run({
      input: {
        note_id: req.params.id,
        customer_id: req.auth_context.actor_id,
        body: req.validatedBody.body,
        parent_id: req.validatedBody.parent_id ?? null,
      },
    })
    res.json({
      comment: await toStoreComment(
        req.scope,
        result.comment,
        result.note_buyer_id
      ),
      comments_count: result.comments_count,
    })
  })
}
