import { z } from "@medusajs/framework/zod"
import { plainText, sortOrder } from "../../utils/fields"
import {
  ENTRY_STATUSES,
  ENTRY_TYPES,
  currency,
  decimal,
  id,
  list,
  page,
  createdRange,
  withCreatedRange,
} from "../../utils/commission-validators"

/** `GET /admin/commissions`. */
export const AdminGetCommissionsParams = withCreatedRange(
  z.strictObject({
    buyer_id: id.optional(),
    order_id: id.optional(),
    status: list([...ENTRY_STATUSES]).optional(),
    type: list([...ENTRY_TYPES]).optional(),
    currency_code: currency("currency_code").optional(),
    ...createdRange,
    order: sortOrder(
      ["created_at", "amount", "status", "type", "currency_code"],
      "-created_at"
    ),
    ...page,
  })
)
export type AdminGetCommissionsParamsType = z.infer<
  typeof AdminGetCommissionsParams
>

/** `GET /admin/commissions/balances`. */
export const AdminGetCommissionBalancesParams = z.strictObject({
  buyer_id: id.optional(),
  currency_code: currency("currency_code").optional(),
})
export type AdminGetCommissionBalancesParamsType = z.infer<
  typeof AdminGetCommissionBalancesParams
>

/** `POST /admin/commissions/adjustments`: a signed amount with a reason. */
export const AdminCreateCommissionAdjustment = z.strictObject({
  buyer_id: id,
  currency_code: currency("currency_code"),
  amount: decimal("amount", { signed: true }),
  reason: plainText({ min: 3, max: 500 }),
})
export type AdminCreateCommissionAdjustmentType = z.infer<
  typeof AdminCreateCommissionAdjustment
>

/** `POST /admin/commissions/hold` and `/release`. */
export const AdminCommissionHold = z.strictObject({ order_id: id })
export type AdminCommissionHoldType = z.infer<typeof AdminCommissionHold>
