import { z } from "@medusajs/framework/zod"
import { NotePageFields } from "../../../../utils/note-validators"

/** `GET /store/customers/me/saved-notes`. */
export const StoreGetSavedNotesParams = z.strictObject({ ...NotePageFields })
export type StoreGetSavedNotesParamsType = z.infer<
  typeof StoreGetSavedNotesParams
>
