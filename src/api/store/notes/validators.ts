import { z } from "@medusajs/framework/zod"
import { LocaleSchema, NoteListFilterFields } from "../../utils/note-validators"

/** `GET /store/notes`. */
export const StoreGetNotesParams = z.strictObject({
  ...NoteListFilterFields,
  /**
   * `newest` (published, newest first) or `trending` (the stored trending
   * score, highest first: docs/api.md). Also with `q`: the matches in that
   * order instead of by relevance.
   */
  sort: z.enum(["newest", "trending"]).optional(),
  /** A buyer id (`buyer_…`) or handle. */
  buyer: z.string().trim().min(1).max(100).optional(),
  /**
   * The note's language. Not `locale`: on store routes Medusa takes
   * `locale` for its own translations and removes it from the query.
   */
  note_locale: LocaleSchema.optional(),
  /** Only notes by the buyers the logged-in customer follows (401 without one). */
  feed: z.enum(["following"]).optional(),
})
export type StoreGetNotesParamsType = z.infer<typeof StoreGetNotesParams>

/**
 * `GET /store/notes/{id}`: prices follow Medusa's pricing context, given as
 * a region (its currency) or a currency code.
 */
export const StoreGetNoteParams = z.strictObject({
  region_id: z.string().trim().min(1).max(100).optional(),
  currency_code: z
    .string()
    .trim()
    .regex(
      /^[A-Za-z]{3}$/,
      "currency_code must be an ISO 4217 code such as eur"
    )
    .transform((c) => c.toLowerCase())
    .optional(),
})
export type StoreGetNoteParamsType = z.infer<typeof StoreGetNoteParams>
