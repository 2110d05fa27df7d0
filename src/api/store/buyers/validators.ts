import { z } from "@medusajs/framework/zod"
import { plainText, queryInt } from "../../utils/fields"
import {
  ENTRY_STATUSES,
  ENTRY_TYPES,
  currency,
  list,
  page,
} from "../../utils/commission-validators"
import {
  CreateNoteSchema,
  NOTE_LIMITS,
  NoteListFilterFields,
  UpdateNoteSchema,
} from "../../utils/note-validators"

const profileFields = {
  handle: z.string().trim().min(3).max(30),
  display_name: plainText({ max: 80 }),
  bio: z.string().max(1000).nullish(),
  avatar_url: z
    .string()
    .trim()
    .max(NOTE_LIMITS.url)
    .url()
    .refine((u) => /^https?:\/\//i.test(u), "avatar_url must be http(s)")
    .nullish(),
}

/** `POST /store/buyers`: apply to become a buyer. */
export const StoreApplyBuyer = z.strictObject(profileFields)
export type StoreApplyBuyerType = z.infer<typeof StoreApplyBuyer>

/** `POST /store/buyers/me`: edit one's own profile (not status or tier). */
export const StoreUpdateBuyer = z.strictObject({
  handle: profileFields.handle.optional(),
  display_name: profileFields.display_name.optional(),
  bio: profileFields.bio,
  avatar_url: profileFields.avatar_url,
})
export type StoreUpdateBuyerType = z.infer<typeof StoreUpdateBuyer>

/** `POST /store/buyers/me/notes`: a note by the buyer (no `buyer_id`: it is the caller). */
export const StoreCreateBuyerNote = CreateNoteSchema
export type StoreCreateBuyerNoteType = z.infer<typeof StoreCreateBuyerNote>

/** `POST /store/buyers/me/notes/{id}`. */
export const StoreUpdateBuyerNote = UpdateNoteSchema
export type StoreUpdateBuyerNoteType = z.infer<typeof StoreUpdateBuyerNote>

/** `GET /store/buyers/me/notes`: the buyer's own notes, any status. */
export const StoreGetBuyerNotesParams = z.strictObject({
  ...NoteListFilterFields,
  status: z.enum(["draft", "published", "hidden"]).optional(),
})
export type StoreGetBuyerNotesParamsType = z.infer<
  typeof StoreGetBuyerNotesParams
>

/** `GET /store/buyers/me/commissions`. */
export const StoreGetMyCommissionsParams = z.strictObject({
  status: list([...ENTRY_STATUSES]).optional(),
  type: list([...ENTRY_TYPES]).optional(),
  currency_code: currency("currency_code").optional(),
  ...page,
})
export type StoreGetMyCommissionsParamsType = z.infer<
  typeof StoreGetMyCommissionsParams
>

/** `GET /store/buyers/me/settlements`. */
export const StoreGetMySettlementsParams = z.strictObject({
  status: list(["pending", "processing", "paid", "failed"]).optional(),
  currency_code: currency("currency_code").optional(),
  ...page,
})
export type StoreGetMySettlementsParamsType = z.infer<
  typeof StoreGetMySettlementsParams
>

/** `GET /store/buyers/me/settlements/{id}`. */
export const StoreGetMySettlementParams = z.strictObject({
  limit: queryInt({ min: 1, max: 1000, fallback: 100 }),
  offset: page.offset,
})
export type StoreGetMySettlementParamsType = z.infer<
  typeof StoreGetMySettlementParams
>
