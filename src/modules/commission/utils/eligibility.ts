import { MathBN } from "@medusajs/framework/utils"
import type { SkipReason } from "../types"

/** What decides whether a buyer's balance in one currency is paid now. */
export type PayoutEligibility = {
  /** Approved, unsettled entries: their sum and count. */
  payable: string
  payable_count: number
  buyer_status: string | undefined
  /** The currency's minimum payout (the `settlement_thresholds` option). */
  threshold: string
  /** The provider pays to an account the buyer must have (Stripe Connect). */
  needs_account: boolean
  account_id: string | null
  payouts_enabled: boolean
}

/**
 * Why a balance is not paid now, or null when it is: the one rule a
 * settlement run and a retry both apply, in this order.
 */
export function payoutSkipReason(c: PayoutEligibility): SkipReason | null {
  if (!c.payable_count) {
    return "on_hold"
  }
  if (c.buyer_status !== "approved") {
    return "buyer_not_approved"
  }
  if (MathBN.lte(c.payable, 0)) {
    return "negative_balance"
  }
  if (MathBN.lt(c.payable, c.threshold)) {
    return "under_threshold"
  }
  if (c.needs_account && !(c.account_id && c.payouts_enabled)) {
    return "payouts_not_enabled"
  }
  return null
}

/** A skip reason in words, for a refused retry. */
export const SKIP_REASON_TEXT: Record<SkipReason, string> = {
  on_hold: "nothing is payable (the buyer's approved commission is on hold)",
  buyer_not_approved: "the buyer is not approved",
  negative_balance: "the buyer's payable balance is not positive",
  under_threshold: "the buyer's payable balance is under the threshold",
  payouts_not_enabled: "the buyer's payouts are not enabled",
}
