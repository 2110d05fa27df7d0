/**
 * The rollups' money columns (plain numeric, see the `ledger_rollup` model)
 * and `entries`, the count of live entries a row sums: a row whose
 * entries were all voided stays, with zeros, and reads skip it, so a
 * group or bucket "with data" is one with a live entry, as when summing
 * the ledger itself.
 */
export const LEDGER_MONEY = [
  "sales",
  "accrued",
  "reversed",
  "adjusted",
  "pending",
  "on_hold",
  "approved",
  "paid",
] as const

export type LedgerMoneyColumn = (typeof LEDGER_MONEY)[number]

export const LEDGER_SUMS = [...LEDGER_MONEY, "entries"] as const
