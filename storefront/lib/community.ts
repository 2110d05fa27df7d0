import type {
  StoreNoteCommentDeleteResponse,
  StoreNoteCommentRepliesResponse,
  StoreNoteCommentResponse,
  StoreNoteCommentsResponse,
  StoreNoteLikeResponse,
  StoreNoteSaveResponse,
  StoreSavedNotesResponse,
} from "@shoppable-notes/client"
import { cache } from "react"
import { getAuthHeaders } from "./auth"
import { ApiError, httpStatus, sdk, storeFetch } from "./medusa"

/**
 * The note page's community calls (likes, saves, comments, saved notes)
 * over the SDK, with the logged-in customer's token when there is one.
 * Server-side only, as every call of the storefront.
 */

const notePath = (id: string) => `/store/notes/${encodeURIComponent(id)}`

export type CommentThread = StoreNoteCommentsResponse["comments"][number]
export type Comment = CommentThread["replies"][number]

/** Top-level comments a note page shows (newest first, with replies). */
export const COMMENTS_PAGE = 20

/** Replies an opened thread shows a page. */
export const REPLIES_PAGE = 50

/**
 * `GET /store/notes/{id}/comments` with the reader's token when there is
 * one (for `can_delete`); null when the store does not show the note, or
 * (with `parent_id`) the comment is not one of its top-level comments.
 */
async function readComments<T>(
  id: string,
  query: Record<string, string | number>
): Promise<T | null> {
  try {
    return await sdk.client.fetch<T>(`${notePath(id)}/comments`, {
      method: "GET",
      query,
      headers: await getAuthHeaders(),
    })
  } catch (e) {
    const status = httpStatus(e)
    if (status === 404 || status === 400) {
      return null
    }
    throw e
  }
}

/** A page of a note's top-level comments with their first replies. Once per render. */
export const getComments = cache((id: string, offset: number) =>
  readComments<StoreNoteCommentsResponse>(id, {
    limit: COMMENTS_PAGE,
    offset,
  })
)

/** A page of one top-level comment's replies, oldest first. Once per render. */
export const getReplies = cache(
  (id: string, parentId: string, offset: number) =>
    readComments<StoreNoteCommentRepliesResponse>(id, {
      parent_id: parentId,
      limit: REPLIES_PAGE,
      offset,
    })
)

/** `POST` (on) or `DELETE` (off) `/store/notes/{id}/like` or `/save`. */
export function setReaction(
  id: string,
  kind: "like" | "save",
  on: boolean,
  authorization: string
) {
  return sdk.client.fetch<StoreNoteLikeResponse | StoreNoteSaveResponse>(
    `${notePath(id)}/${kind}`,
    {
      method: on ? "POST" : "DELETE",
      headers: { authorization },
    }
  )
}

/**
 * `POST /store/notes/{id}/comments`. With plain `fetch` (`storeFetch`): a
 * refusal is an `ApiError` with the API's body, so that a 429's
 * `retry_after_seconds` reaches the form (the SDK's error drops it).
 */
export function postComment(
  id: string,
  body: { body: string; parent_id?: string },
  authorization: string
) {
  return storeFetch<StoreNoteCommentResponse>(`${notePath(id)}/comments`, {
    method: "POST",
    body,
    headers: { authorization },
  })
}

/** The wait a 429 asks for, in whole seconds (at least 1), else null. */
export function retryAfterSeconds(e: unknown): number | null {
  const v = e instanceof ApiError ? e.body.retry_after_seconds : undefined
  return typeof v === "number" && Number.isFinite(v)
    ? Math.max(1, Math.ceil(v))
    : null
}

/** `DELETE /store/notes/{id}/comments/{comment_id}`. */
export function deleteComment(
  id: string,
  commentId: string,
  authorization: string
) {
  return sdk.client.fetch<StoreNoteCommentDeleteResponse>(
    `${notePath(id)}/comments/${encodeURIComponent(commentId)}`,
    { method: "DELETE", headers: { authorization } }
  )
}

/** `GET /store/customers/me/saved-notes`: newest save first. */
export function listSavedNotes(
  page: { limit: number; offset: number },
  authorization: string
) {
  return sdk.client.fetch<StoreSavedNotesResponse>(
    "/store/customers/me/saved-notes",
    { method: "GET", query: page, headers: { authorization } }
  )
}
