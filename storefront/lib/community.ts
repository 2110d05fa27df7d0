import type {
  StoreNoteCommentDeleteResponse,
  StoreNoteCommentResponse,
  StoreNoteCommentsResponse,
  StoreNoteLikeResponse,
  StoreNoteSaveResponse,
  StoreSavedNotesResponse,
} from "@shoppable-notes/client"
import { cache } from "react"
import { getAuthHeaders } from "./auth"
import { httpStatus, sdk } from "./medusa"

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

/**
 * A note's comments (`GET /store/notes/{id}/comments`) with `can_delete`
 * for a logged-in reader; null when the store does not show the note.
 * Once per render.
 */
export const getComments = cache(
  async (
    id: string,
    offset: number
  ): Promise<StoreNoteCommentsResponse | null> => {
    try {
      return await sdk.client.fetch<StoreNoteCommentsResponse>(
        `${notePath(id)}/comments`,
        {
          method: "GET",
          query: { limit: COMMENTS_PAGE, offset },
          headers: await getAuthHeaders(),
        }
      )
    } catch (e) {
      if (httpStatus(e) === 404) {
        return null
      }
      throw e
    }
  }
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

/** `POST /store/notes/{id}/comments`. */
export function postComment(
  id: string,
  body: { body: string; parent_id?: string },
  authorization: string
) {
  return sdk.client.fetch<StoreNoteCommentResponse>(
    `${notePath(id)}/comments`,
    { method: "POST", body, headers: { authorization } }
  )
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
