/**
 * The commission ledger as its readers see it: the module's balances and
 * the routes' entries, the one definition the module, the admin and the
 * storefront client share (pure types, no imports, so the browser bundles
 * can use them).
 */

export type CommissionEntryType = "accrual" | "reversal" | "adjustment"

export type CommissionEntryStatus =
  "pending" | "approved" | "on_hold" | "paid" | "void"

/**
 * One ledger entry as the admin and store routes answer it. Money is a
 * decimal string (`"12.5"`, `"-3.1"`), dates ISO strings.
 */
export type CommissionEntryDTO = {
  id: string
  type: CommissionEntryType
  status: CommissionEntryStatus
  buyer_id: string
  currency_code: string
  /** Signed: reversals are negative, adjustments either. */
  amount: string
  /** The line's amount the commission was computed on. */
  base_amount: string | null
  quantity: number | null
  order_id: string | null
  order_line_id: string | null
  note_id: string | null
  product_id: string | null
  variant_id: string | null
  /** The rule as it was when the entry was written. */
  rule: {
    id: string
    scope: string
    type: "percentage" | "flat"
    /** Percent (`"12.5"` is 12.5 %). */
    rate: string | null
    amount: string | null
    cap_amount: string | null
  } | null
  /** The accrual a reversal takes back. */
  reverses_id: string | null
  reason: string | null
  actor_id: string | null
  /** When a pending entry becomes payable (the hold's end). */
  available_at: string | null
  approved_at: string | null
  settlement_id: string | null
  created_at: string
}

/** A buyer's balance in one currency: sums of the ledger, decimal strings. */
export type LedgerBalance = {
  buyer_id: string
  currency_code: string
  accrued: string
  reversed: string
  adjusted: string
  pending: string
  approved: string
  on_hold: string
  paid: string
  /** What the next settlement run would pay. */
  payable: string
}

export type SettlementStatus = "pending" | "processing" | "paid" | "failed"

/**
 * A settlement (one payout to a buyer in one currency) as the admin routes
 * answer it. Money as decimal strings, dates ISO strings. The store routes
 * answer it without `idempotency_key`.
 */
export type SettlementDTO = {
  id: string
  buyer_id: string
  currency_code: string
  amount: string
  entry_count: number
  period_start: string | null
  period_end: string | null
  status: SettlementStatus
  /** `stripe` or `manual`. */
  provider: string
  provider_account_id: string | null
  provider_reference: string | null
  idempotency_key: string
  /** The provider's message once the payout failed (to a buyer: only then). */
  failure_reason: string | null
  attempts: number
  /** Taken back at the provider after payment (a reversed transfer). */
  reversed_amount: string | null
  run_id: string | null
  paid_at: string | null
  failed_at: string | null
  created_at: string
  updated_at: string
}

/** A buyer's account at the payout provider, as the routes answer it. */
export type PayoutAccountDTO = {
  provider: string
  account_id: string
  payouts_enabled: boolean
  details_submitted: boolean
  disabled_reason: string | null
  last_payout_failure: string | null
}

/** A buyer's payout account answer (store and admin routes). */
export type PayoutAccountResponse = {
  /** `stripe` or `manual`. */
  provider: string
  /** Null before onboarding, and always with manual payouts. */
  payout_account: PayoutAccountDTO | null
}
