import { z } from "@medusajs/framework/zod"
import { plainText } from "../../utils/fields"
import {
  createdRange,
  page,
  withCreatedRange,
} from "../../utils/commission-validators"
import { NOTE_LIMITS, id } from "../../utils/note-validators"

/** `GET /admin/note-comments`: live comments, newest first. */
export const AdminGetNoteCommentsParams = withCreatedRange(
  z.strictObject({
    note_id: id("note_id").optional(),
    /** The note's author. */
    buyer_id: id("buyer_id").optional(),
    /** The commenter. */
    customer_id: id("customer_id").optional(),
    status: z.enum(["visible", "hidden"]).optional(),
    q: z.string().trim().min(1).max(NOTE_LIMITS.q).optional(),
    ...createdRange,
    ...page,
  })
)
export type AdminGetNoteCommentsParamsType = z.infer<
  typeof AdminGetNoteCommentsParams
>

/** `POST /admin/note-comments/{id}/hide`. */
export const AdminHideNoteComment = z.strictObject({
  reason: plainText({ max: NOTE_LIMITS.reason }),
})
export type AdminHideNoteCommentType = z.infer<typeof AdminHideNoteComment>
