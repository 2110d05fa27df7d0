import type { SettlementSkipReason } from "@shoppable-notes/client"

/** Why a settlement run did not pay the buyer, in words. */
export const SKIP_REASONS: Record<SettlementSkipReason, string> = {
  buyer_not_approved: "your buyer account is not approved",
  payouts_not_enabled: "your payout account cannot receive payouts yet",
  under_threshold: "the payable amount is under the store's minimum payout",
  negative_balance: "reversals outweigh what is payable",
  on_hold: "your commissions are on hold",
}
