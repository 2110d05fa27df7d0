import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
  MedusaStoreRequest,
} from "@medusajs/framework/http"
import { NOTES_MODULE } from "../../../../../modules/notes"
import type NotesModuleService from "../../../../../modules/notes/service"
import type {
  StoreNoteCommentRepliesResponse,
  StoreNoteCommentResponse,
  StoreNoteCommentsResponse,
} from "../../../../../types"
import { createNoteCommentWorkflow } from "../../../../../workflows/notes/workflows/create-note-comment"
import { withKnownErrors } from "../../../../utils/known-errors"
import {
  toStoreComment,
  toStoreReplies,
  toStoreThreads,
} from "../../../../utils/note-comments-read"
import type {
  StoreCreateNoteCommentType,
  StoreGetNoteCommentsParamsType,
} from "./validators"

/**
 * `GET /store/notes/{id}/comments`: public. Top-level comments newest
 * first, each with its first 3 visible replies oldest first and
 * `replies_count`; a deleted or hidden top-level comment with visible
 * replies stays as a placeholder (`removed: true`). With `parent_id`: a
 * page of that top-level comment's visible replies, oldest first (404 for
 * a comment that is not a top-level one of this note). A note the store
 * does not show: 404.
 */
export async function GET(
  req: MedusaStoreRequest<unknown, StoreGetNoteCommentsParamsType>,
  res: MedusaResponse<
    StoreNoteCommentsResponse | StoreNoteCommentRepliesResponse
  >
) {
  const params = req.validatedQuery as StoreGetNoteCommentsParamsType
  const service = req.scope.resolve<NotesModuleService>(NOTES_MODULE)
  const paging = { limit: params.limit, offset: params.offset }
  const readerId = req.auth_context?.actor_id
  if (params.parent_id) {
    const replies = await service.listCommentReplies(
      req.params.id,
      params.parent_id,
      paging
    )
    res.json({
      parent_id: params.parent_id,
      comments: await toStoreReplies(req.scope, replies, readerId || undefined),
      count: replies.count,
      limit: params.limit,
      offset: params.offset,
      comments_count: replies.comments_count,
    })
    return
  }
  const page = await service.listCommentThreads(req.params.id, paging)
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
