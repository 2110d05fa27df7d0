import { z } from "@medusajs/framework/zod"
import { plainText } from "../../utils/fields"
import {
  ENTRY_STATUSES,
  ENTRY_TYPES,
  buyerCurrency,
  currency,
  decimal,
  id,
  ledgerListTail,
  list,
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
    ...ledgerListTail([
      "created_at",
      "amount",
      "status",
      "type",
      "currency_code",
    ]),
  })
)
export type AdminGetCommissionsParamsType = z.infer<
  typeof AdminGetCommissionsParams
>

/** `GET /admin/commissions/balances`. */
export const AdminGetCommissionBalancesParams = z.strictObject(buyerCurrency)
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
