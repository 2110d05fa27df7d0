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
