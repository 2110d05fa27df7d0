import { z } from "@medusajs/framework/zod"
import { NotePageFields } from "../../../../utils/note-validators"

/** `GET /store/customers/me/following`. */
export const StoreGetFollowingParams = z.strictObject({ ...NotePageFields })
export type StoreGetFollowingParamsType = z.infer<
  typeof StoreGetFollowingParams
>
