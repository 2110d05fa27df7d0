import { z } from "@medusajs/framework/zod"
import { plainText, queryInt } from "../../utils/fields"
import {
  buyerCurrency,
  id,
  ledgerListTail,
  list,
  page,
  withCreatedRange,
} from "../../utils/commission-validators"

export const SETTLEMENT_STATUSES = [
  "pending",
  "processing",
  "paid",
  "failed",
] as const

const format = z.enum(["json", "csv"]).default("json")

/** `GET /admin/settlements` (`format=csv` exports the whole filtered set). */
export const AdminGetSettlementsParams = withCreatedRange(
  z.strictObject({
    ...buyerCurrency,
    status: list([...SETTLEMENT_STATUSES]).optional(),
    provider: z.enum(["stripe", "manual"]).optional(),
    run_id: id.optional(),
    format,
    ...ledgerListTail([
      "created_at",
      "amount",
      "status",
      "currency_code",
      "paid_at",
    ]),
  })
)
export type AdminGetSettlementsParamsType = z.infer<
  typeof AdminGetSettlementsParams
>

/** `GET /admin/settlements/{id}` (`format=csv`: all its entries). */
export const AdminGetSettlementParams = z.strictObject({
  format,
  limit: queryInt({ min: 1, max: 1000, fallback: 100 }),
  offset: page.offset,
})
export type AdminGetSettlementParamsType = z.infer<
  typeof AdminGetSettlementParams
>

/** `POST /admin/settlements`: run now, for all buyers or one, all currencies or one. */
export const AdminRunSettlements = z.strictObject(buyerCurrency)
export type AdminRunSettlementsType = z.infer<typeof AdminRunSettlements>

/** `POST /admin/settlements/{id}/mark-paid`: the manual payment's reference. */
export const AdminMarkSettlementPaid = z.strictObject({
  reference: z.string().trim().min(1).max(200),
})
export type AdminMarkSettlementPaidType = z.infer<
  typeof AdminMarkSettlementPaid
>

/** `POST /admin/settlements/{id}/mark-failed`: why the manual payment failed. */
export const AdminMarkSettlementFailed = z.strictObject({
  reason: plainText({ min: 3, max: 500 }),
})
export type AdminMarkSettlementFailedType = z.infer<
  typeof AdminMarkSettlementFailed
>
