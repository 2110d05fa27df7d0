/**
 * The contract between the report routes and the modules that keep the
 * rollups (see docs/reports.md). Each module answers for its own rows:
 * `attribution` for clicks, visitors, orders and units, `commission` for
 * money; the report layer merges them.
 */
export type ReportInterval = "hour" | "day" | "week" | "month"

export type ReportGroupBy =
  "note" | "product" | "utm_source" | "utm_campaign" | "referer" | "buyer"

/** What a rollup read is asked for. */
export type RollupQuery = {
  /** The range [from, to): UTC instants on 15-minute boundaries. */
  from: Date
  to: Date
  /** The IANA time zone buckets are cut in. */
  tz: string
  filters: { buyer_id?: string; note_id?: string }
  /**
   * `totals`: one row (bucket and key null); `series`: one row per bucket
   * with data (`bucket`: the bucket's local start as a UTC ISO instant);
   * `groups`: one row per group key with data (no time split).
   */
  shape: "totals" | "series" | "groups"
  /** With `series`. */
  interval?: ReportInterval
  /** With `groups`. */
  group_by?: ReportGroupBy
  /** With `groups`: only these keys (null: the group without a key). */
  keys?: (string | null)[]
  /** With a ledger `series`: the range's totals too, as rows with a null bucket. */
  with_totals?: boolean
  /**
   * With a `series`: its bucket starts (instants, ms), when the caller has
   * them already; otherwise the read asks the database for them.
   */
  edges?: number[]
}

export type ClickRollupRow = {
  bucket: string | null
  /** The group's key; null for the group without one (no buyer, no utm value, no referer). */
  key: string | null
  clicks: number
  dropped: {
    head: number
    bot: number
    duplicate: number
    burst: number
    not_earning: number
  }
  /** Null unless asked for (`unique_visitors: true`): it is the one costly metric. */
  unique_visitors: number | null
  orders: number
  units: number
}

/** Money of one currency, decimal strings. */
export type LedgerRollupRow = {
  bucket: string | null
  key: string | null
  currency_code: string
  sales: string
  accrued: string
  reversed: string
  adjusted: string
  net: string
  pending: string
  on_hold: string
  approved: string
  paid: string
}

/** Progress of a rollup rebuild. */
export type RollupRebuildProgress = {
  done: number
  total: number
}
