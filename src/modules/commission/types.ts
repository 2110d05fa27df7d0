/*
 * The commission module's types: what its service takes and answers
 * (ledger writes, balances, settlements, provider events).
 */
import type { EntryStatus } from "./utils/plan-order"
import type { LedgerBalance, SettlementStatus } from "../../types/commission"

/** One attributed order line, with what rule resolution needs. */
export type AccrualLineInput = {
  order_id: string
  order_line_id: string
  attribution_line_id: string | null
  buyer_id: string
  tier: string | null
  note_id: string | null
  product_id: string | null
  variant_id: string | null
  collection_id: string | null
  category_ids: string[]
  currency_code: string
  quantity: number
  base_amount: string
  /** When the order was placed: the rules valid then apply. */
  at: Date
}

/** What a ledger write did, enough to undo it and to announce it. */
export type LedgerChanges = {
  created: {
    id: string
    type: string
    status: string
    buyer_id: string
    currency_code: string
    amount: string
    order_id: string | null
  }[]
  status_changes: {
    id: string
    from: EntryStatus
    to: EntryStatus
    approved_at: Date | null
  }[]
  available_changes: { id: string; from: Date | null }[]
}

export type { LedgerBalance, SettlementStatus }

export const emptyChanges = (): LedgerChanges => ({
  created: [],
  status_changes: [],
  available_changes: [],
})

export type SkipReason =
  | "buyer_not_approved"
  | "payouts_not_enabled"
  | "under_threshold"
  | "negative_balance"
  | "on_hold"

/** A buyer and currency a run could pay (see `listSettlementCandidates`). */
export type SettlementCandidate = {
  buyer_id: string
  currency_code: string
  payable: string
  payable_count: number
  on_hold: string
  account_id: string | null
  payouts_enabled: boolean
}

export type ClaimSettlementInput = {
  buyer_id: string
  currency_code: string
  account_id: string | null
  /** Minimum amount (decimal string). */
  threshold: string
  run_id: string | null
  /** A failed settlement claimed again (retry); otherwise a new one. */
  settlement_id?: string
}

export type ClaimOutcome =
  | { settlement: SettlementView; skip?: undefined }
  | { skip: { reason: SkipReason; amount: string }; settlement?: undefined }

export type SettlementView = {
  id: string
  buyer_id: string
  currency_code: string
  amount: string
  entry_count: number
  status: SettlementStatus
  provider: string
  provider_account_id: string | null
  provider_reference: string | null
  failure_reason: string | null
  attempts: number
  generation: number
  run_id: string | null
}

export type SettlementSkipInput = {
  buyer_id: string
  currency_code: string
  reason: SkipReason
  amount: string
}

export type SettlementFilters = {
  id?: string | string[]
  buyer_id?: string | string[]
  currency_code?: string | string[]
  status?: string | string[]
  provider?: string | string[]
  run_id?: string | string[]
  created_at?: { $gte?: Date; $lte?: Date }
}

export type ProviderEventResult = {
  /** Null when the event id was processed before. */
  record_id: string | null
  outcome: string
  changes: LedgerChanges
  account: {
    buyer_id: string
    account_id: string
    payouts_enabled: boolean
  } | null
  settlement: {
    id: string
    previous_reversed: string
    applied_reversed: string
  } | null
}
