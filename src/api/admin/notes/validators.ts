import { z } from "@medusajs/framework/zod"
import { NOTE_SORT_FIELDS } from "../../../modules/notes/utils/search-sql"
import { optionalSortOrder, plainText } from "../../utils/fields"
import {
  LocaleSchema,
  NOTE_LIMITS,
  NoteListFilterFields,
  NoteProductsChangeSchema,
  UpdateNoteSchema,
  noteFields,
  refineNote,
} from "../../utils/note-validators"

/** `POST /admin/notes`: a merchant note, or one written for a buyer. */
export const AdminCreateNote = z
  .strictObject({
    ...noteFields,
    buyer_id: z.string().trim().min(1).max(100).nullish(),
  })
  .superRefine(refineNote)
export type AdminCreateNoteType = z.infer<typeof AdminCreateNote>

/** `POST /admin/notes/{id}`. */
export const AdminUpdateNote = UpdateNoteSchema
export type AdminUpdateNoteType = z.infer<typeof AdminUpdateNote>

/** `POST /admin/notes/{id}/products`: tag (`add`) and untag (`remove`). */
export const AdminNoteProductsChange = NoteProductsChangeSchema
export type AdminNoteProductsChangeType = z.infer<
  typeof AdminNoteProductsChange
>

/** `POST /admin/notes/{id}/hide`. */
export const AdminHideNote = z.strictObject({
  reason: plainText({ max: NOTE_LIMITS.reason }),
})
export type AdminHideNoteType = z.infer<typeof AdminHideNote>

/** `GET /admin/notes`. */
export const AdminGetNotesParams = z.strictObject({
  ...NoteListFilterFields,
  status: z
    .union([
      z.enum(["draft", "published", "hidden"]),
      z
        .array(z.enum(["draft", "published", "hidden"]))
        .min(1)
        .max(3),
    ])
    .optional(),
  buyer_id: z.string().trim().min(1).max(100).optional(),
  locale: LocaleSchema.optional(),
  // Absent: newest created first, or best match first with `q`; given, it
  // orders the matches too.
  order: optionalSortOrder(NOTE_SORT_FIELDS),
})
export type AdminGetNotesParamsType = z.infer<typeof AdminGetNotesParams>
