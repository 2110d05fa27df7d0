import { z } from "@medusajs/framework/zod"

/** `POST /store/carts/{id}/referral`. */
export const StoreCartReferral = z.strictObject({
  click_id: z
    .string()
    .trim()
    .regex(
      /^click_[0-9A-Z]{26}$/,
      "click_id must be a click id such as click_01H…"
    ),
})
export type StoreCartReferralType = z.infer<typeof StoreCartReferral>
