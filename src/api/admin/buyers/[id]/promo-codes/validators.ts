import { MathBN } from "@medusajs/framework/utils"
import { z } from "@medusajs/framework/zod"
import { fitsCurrency } from "../../../../../modules/commission/utils/money"
import { currency, decimal } from "../../../../utils/commission-validators"
import { isoDate } from "../../../../utils/fields"

/**
 * A promo code as shoppers type it: 3 to 32 letters, digits, `-` or `_`,
 * kept in upper case (Medusa matches codes exactly, so one spelling).
 */
export const promoCode = z
  .string()
  .trim()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_-]{2,31}$/,
    "code must be 3 to 32 letters, digits, - or _ such as LIN10"
  )
  .transform((c) => c.toUpperCase())

/** `POST /admin/buyers/{id}/promo-codes`. */
export const AdminCreateBuyerPromoCode = z
  .strictObject({
    code: promoCode,
    /** `percentage`: `value` percent off the order; `fixed`: `value` off in `currency_code`. */
    type: z.enum(["percentage", "fixed"]),
    value: decimal("value"),
    currency_code: currency("currency_code").nullish(),
    /** How many orders may use the code in all (none: unlimited). */
    usage_limit: z.number().int().min(1).max(1_000_000).nullish(),
    starts_at: isoDate.nullish(),
    ends_at: isoDate.nullish(),
  })
  .superRefine((b, ctx) => {
    const issue = (path: string, message: string) =>
      ctx.addIssue({ code: "custom", path: [path], message })
    if (typeof b.value === "string" && MathBN.lte(b.value, 0)) {
      issue("value", "value: must be greater than 0")
    }
    if (b.type === "percentage") {
      if (typeof b.value === "string" && MathBN.gt(b.value, 100)) {
        issue("value", "value: a percentage must be at most 100")
      }
      if (b.currency_code != null) {
        issue("currency_code", "currency_code: only a fixed discount has one")
      }
    }
    if (b.type === "fixed") {
      if (b.currency_code == null) {
        issue("currency_code", "currency_code: required for a fixed discount")
      } else if (
        typeof b.value === "string" &&
        /^[a-z]{3}$/.test(b.currency_code) &&
        !fitsCurrency(b.value, b.currency_code)
      ) {
        issue(
          "value",
          `value: has more decimal places than ${b.currency_code.toUpperCase()} has`
        )
      }
    }
    if (
      b.starts_at instanceof Date &&
      b.ends_at instanceof Date &&
      b.ends_at <= b.starts_at
    ) {
      issue("ends_at", "ends_at: must be after starts_at")
    }
  })
export type AdminCreateBuyerPromoCodeType = z.infer<
  typeof AdminCreateBuyerPromoCode
>
