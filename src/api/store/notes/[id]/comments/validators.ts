import { z } from "@medusajs/framework/zod"
import {
  COMMENT_BODY_MAX,
  commentLength,
  sanitizeCommentBody,
} from "../../../../../modules/notes/utils/comment-body"
import { NotePageFields, id } from "../../../../utils/note-validators"

/**
 * A comment body: plain text, control characters removed and trimmed
 * (`sanitizeCommentBody`) before the rules, 1 to 1,000 characters.
 */
export const CommentBody = z
  .string()
  .transform(sanitizeCommentBody)
  .pipe(
    z
      .string()
      .min(1, "must not be empty")
      .refine(
        (s) => commentLength(s) <= COMMENT_BODY_MAX,
        `must have at most ${COMMENT_BODY_MAX} characters`
      )
  )

/** `POST /store/notes/{id}/comments`. */
export const StoreCreateNoteComment = z.strictObject({
  body: CommentBody,
  parent_id: id("parent_id").nullish(),
})
export type StoreCreateNoteCommentType = z.infer<typeof StoreCreateNoteComment>

/**
 * `GET /store/notes/{id}/comments`: a page of top-level comments, or with
 * `parent_id` a page of that comment's replies.
 */
export const StoreGetNoteCommentsParams = z.strictObject({
  ...NotePageFields,
  parent_id: id("parent_id").optional(),
})
export type StoreGetNoteCommentsParamsType = z.infer<
  typeof StoreGetNoteCommentsParams
>
