/**
 * The contract between the report routes and the modules that keep the
 * rollups (see docs/reports.md). Each module answers for its own rows:
 * `attribution` for clicks, visitors, orders and units, `commission` for
 * money; the report layer merges them.
 */
export type ReportInterval = "hour" | "day" | "week" | "month"

export type ReportPreset =
  "24h" | "7d" | "30d" | "90d" | "mtd" | "qtd" | "ytd" | "1y" | "all"

export type ReportDropReason =
  "head" | "bot" | "duplicate" | "burst" | "not_earning"

export type ReportMoneyField =
  | "sales"
  | "accrued"
  | "reversed"
  | "adjusted"
  | "net"
  | "pending"
  | "on_hold"
  | "approved"
  | "paid"

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
  /**
   * With `groups`, to rank every group before reading a page's metrics in
   * full: `counts` reads the counts only (clicks counted, orders, units;
   * the dropped clicks answer 0; a ledger read answers its keys with every
   * amount "0"); a money field makes a ledger read sum that amount alone
   * (every other amount "0") and a click read answer the counts only. The
   * rows are the groups a full read answers, the same keys.
   */
  only?: "counts" | ReportMoneyField
  /**
   * The caller folded the pending rows into the rollups just before (the
   * report folds once for all its reads): the read skips its own fold.
   * Without it every read of the click and ledger rollups folds first.
   */
  folded?: boolean
  /**
   * With a ledger ranking read (`only` a money field): the currency it
   * ranks in. The amount is summed in that currency alone; a group with
   * money in other currencies only still answers one row (of one of
   * them, amounts "0"), so the groups are those of a read without it.
   */
  rank_currency?: string
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

/** Counted views (the notes module's `note_view_rollup`). */
export type ViewRollupRow = {
  bucket: string | null
  /** The note or buyer; null for the group without one (merchant notes by buyer). */
  key: string | null
  views: number
}

/** Money of one currency, decimal strings. */
export type LedgerRollupRow = {
  bucket: string | null
  key: string | null
  currency_code: string
} & Record<ReportMoneyField, string>

/** Progress of a rollup rebuild. */
export type RollupRebuildProgress = {
  done: number
  total: number
}

// What the report routes answer (docs/reports.md): counts as integers,
// ratios and money as decimal strings, money per currency. The client's
// unit test checks these against the server's own answer type.

/** Money of one currency; ratios carry 6 (`returned_share`) or 4 (`epc`) places. */
export type ReportCurrencyMetrics = { currency_code: string } & Record<
  ReportMoneyField,
  string
> & { returned_share: string | null; epc: string | null }

export type ReportMetrics = {
  /** Counted views; null for the product, utm and referer groups (views have none). */
  views: number | null
  clicks: number
  /** Null unless asked for with `visitors: "include"`. */
  unique_visitors: number | null
  dropped: Record<ReportDropReason, number>
  /** Null for the utm and referer groups (orders are not split by them). */
  orders: number | null
  units: number | null
  /** `orders ÷ clicks`, 6 places; null without clicks. */
  conversion: string | null
  /** `clicks ÷ views`, 6 places; null without views (or where views are null). */
  view_ctr: string | null
  currencies: ReportCurrencyMetrics[]
}

/** The range a report covers, as its answer states it. */
export type ReportRange = {
  from: string
  to: string
  tz: string
  interval: ReportInterval
  preset: ReportPreset | null
}
