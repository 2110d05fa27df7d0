import { MathBN } from "@medusajs/framework/utils"
import type { ClickRollupRow, LedgerRollupRow } from "../types/reports"

export const MONEY_FIELDS = [
  "sales",
  "accrued",
  "reversed",
  "adjusted",
  "net",
  "pending",
  "on_hold",
  "approved",
  "paid",
] as const
export type MoneyField = (typeof MONEY_FIELDS)[number]

export const DROP_REASONS = [
  "head",
  "bot",
  "duplicate",
  "burst",
  "not_earning",
] as const

/** The metrics `order_by` accepts: every number of a group. */
export const COUNT_METRICS = [
  "views",
  "view_ctr",
  "clicks",
  "unique_visitors",
  "orders",
  "units",
  "conversion",
  ...DROP_REASONS.map((r) => `dropped.${r}` as const),
] as const
export const CURRENCY_METRICS = [
  ...MONEY_FIELDS,
  "returned_share",
  "epc",
] as const
export const REPORT_METRICS = [...COUNT_METRICS, ...CURRENCY_METRICS] as const
export type ReportMetric = (typeof REPORT_METRICS)[number]
export type CurrencyMetric = (typeof CURRENCY_METRICS)[number]

export const isCurrencyMetric = (m: ReportMetric): m is CurrencyMetric =>
  (CURRENCY_METRICS as readonly string[]).includes(m)

/** Money of one currency in a bucket, group or the totals. */
export type CurrencyMetrics = {
  currency_code: string
} & Record<MoneyField, string> & {
    /** `−reversed ÷ accrued`, 6 places half-up; null when nothing accrued. */
    returned_share: string | null
    /** `net ÷ clicks`, 4 places half-up; null without clicks. */
    epc: string | null
  }

export type Metrics = {
  /** Counted views; null for groups views are not split by (product, utm, referer). */
  views: number | null
  clicks: number
  /** Null where it is not computed (never in an answer's totals, series or groups). */
  unique_visitors: number | null
  dropped: Record<(typeof DROP_REASONS)[number], number>
  /** Null for groups that money and orders are not split by (utm, referer). */
  orders: number | null
  units: number | null
  /** `orders ÷ clicks`, 6 places half-up; null without clicks. */
  conversion: string | null
  /** `clicks ÷ views`, 6 places half-up; null without views. */
  view_ctr: string | null
  currencies: CurrencyMetrics[]
}

/** The metrics about views (`order_by` on a grouping without views is a 400). */
export const VIEW_METRICS: readonly ReportMetric[] = ["views", "view_ctr"]

/**
 * `a ÷ b` rounded half-up (ties away from zero) to `places`, as a decimal
 * string with exactly `places` decimals; null when b is 0. Exact: both are
 * scaled to integers and divided as integers, so no intermediate rounding
 * of a long quotient can tip a tie.
 */
export function ratio(
  a: string | number,
  b: string | number,
  places: number
): string | null {
  const [A, sa] = scaled(a)
  const [B, sb] = scaled(b)
  if (B === 0n) {
    return null
  }
  const scale = Math.max(sa, sb)
  const abs = (x: bigint) => (x < 0n ? -x : x)
  const num = abs(A) * 10n ** BigInt(scale - sa + places)
  const den = abs(B) * 10n ** BigInt(scale - sb)
  // floor((2·num + den) ÷ 2·den) = num ÷ den rounded half-up.
  const q = (2n * num + den) / (2n * den)
  const negative = A < 0n !== B < 0n && q !== 0n
  const digits = q.toString().padStart(places + 1, "0")
  const text = places
    ? `${digits.slice(0, -places)}.${digits.slice(-places)}`
    : digits
  return negative ? `-${text}` : text
}

const PLAIN_DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/

/** A decimal as an integer and its scale (`"-1.25"` → `[-125n, 2]`), exactly. */
function scaled(v: string | number): [bigint, number] {
  let s = typeof v === "number" && Number.isSafeInteger(v) ? String(v) : v
  let m = typeof s === "string" ? PLAIN_DECIMAL.exec(s) : null
  if (!m) {
    // Exponents, floats: through MathBN, which prints plain decimals.
    s = MathBN.convert(v).toFixed()
    m = PLAIN_DECIMAL.exec(s)!
  }
  const frac = m[3] ?? ""
  return [BigInt(`${m[1]}${m[2]}${frac}`), frac.length]
}

/** A decimal string as `money` prints it: no "-0", no trailing zeros. */
const CANONICAL = /^(?:0|-?[1-9]\d*(?:\.\d*[1-9])?|-?0\.\d*[1-9])$/

/** A decimal string of a module's money value ("-0" read as "0"). */
function money(value: string | number | null | undefined): string {
  const s = MathBN.convert(value ?? 0).toFixed()
  return s === "-0" ? "0" : s
}

/** A plain decimal string that is zero ("0", "-0", "0.00"). */
const ZERO = /^-?0(?:\.0*)?$/

/** `-v` of a plain decimal string, exactly. */
const negate = (v: string) =>
  v.startsWith("-") ? v.slice(1) : ZERO.test(v) ? "0" : `-${v}`

const ZERO_DROPPED = () => ({
  head: 0,
  bot: 0,
  duplicate: 0,
  burst: 0,
  not_earning: 0,
})

/**
 * The sum of click rows (the series' buckets: every count adds up across
 * buckets, distinct visitors excepted, which are left null).
 */
export function sumClickRows(rows: ClickRollupRow[]): ClickRollupRow {
  const total: ClickRollupRow = {
    bucket: null,
    key: null,
    clicks: 0,
    dropped: ZERO_DROPPED(),
    unique_visitors: null,
    orders: 0,
    units: 0,
  }
  for (const r of rows) {
    total.clicks += r.clicks
    total.orders += r.orders
    total.units += r.units
    for (const k of Object.keys(total.dropped) as (keyof typeof r.dropped)[]) {
      total.dropped[k] += r.dropped[k]
    }
  }
  return total
}

/**
 * The metrics of one bucket, group or the totals: the click row (or none:
 * zeros) and the ledger rows of each currency, with the derived numbers
 * computed exactly. `withOrders` false leaves orders, units and conversion
 * null (groups the attribution does not split by); `views` null (groups
 * without views: product, utm, referer) leaves views and view_ctr null.
 */
export function buildMetrics(
  click: ClickRollupRow | undefined,
  ledger: LedgerRollupRow[],
  {
    withOrders = true,
    views = null,
  }: { withOrders?: boolean; views?: number | null } = {}
): Metrics {
  const clicks = click?.clicks ?? 0
  const orders = withOrders ? (click?.orders ?? 0) : null
  const merged = new Map<string, Record<MoneyField, string>>()
  for (const row of ledger) {
    const code = row.currency_code.toLowerCase()
    const prev = merged.get(code)
    const next = {} as Record<MoneyField, string>
    for (const f of MONEY_FIELDS) {
      // The module reads answer canonical decimal strings: only a sum of
      // two rows of one currency, or another spelling, needs arithmetic.
      const v = row[f] ?? "0"
      next[f] = prev
        ? money(MathBN.add(prev[f], v).toFixed())
        : CANONICAL.test(v)
          ? v
          : money(v)
    }
    merged.set(code, next)
  }
  const currencies = [...merged.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([currency_code, m]) => ({
      currency_code,
      ...m,
      // Plain decimal strings (canonical above): signs and zero by text.
      returned_share: ZERO.test(m.accrued)
        ? null
        : ratio(negate(m.reversed), m.accrued, 6),
      epc: ratio(m.net, clicks, 4),
    }))
  return {
    views,
    clicks,
    unique_visitors: click?.unique_visitors ?? null,
    dropped: { ...ZERO_DROPPED(), ...(click?.dropped ?? {}) },
    orders,
    units: withOrders ? (click?.units ?? 0) : null,
    conversion: orders === null ? null : ratio(orders, clicks, 6),
    view_ctr: views === null ? null : ratio(clicks, views, 6),
    currencies,
  }
}

/**
 * The value of `metric` in `m`, for sorting: a number, a decimal string, or
 * null (sorted last). A currency metric reads `currency`'s row; a group
 * without it has 0 (or null for the ratios).
 */
export function metricValue(
  m: Metrics,
  metric: ReportMetric,
  currency: string | null
): string | number | null {
  if (isCurrencyMetric(metric)) {
    const row = m.currencies.find((c) => c.currency_code === currency)
    if (!row) {
      return metric === "returned_share" || metric === "epc" ? null : 0
    }
    return row[metric]
  }
  if (metric.startsWith("dropped.")) {
    return m.dropped[metric.slice(8) as keyof Metrics["dropped"]]
  }
  return m[
    metric as
      | "views"
      | "view_ctr"
      | "clicks"
      | "unique_visitors"
      | "orders"
      | "units"
      | "conversion"
  ]
}

/**
 * A sort value made comparable once (decimal strings parsed a single time,
 * not at every comparison of a sort): see `compareSortKeys`.
 */
export type SortKey = number | ReturnType<typeof MathBN.convert> | null

export function sortKey(v: string | number | null): SortKey {
  return v === null || typeof v === "number" ? v : MathBN.convert(v)
}

/** `compareValues` over sort keys. */
export function compareSortKeys(
  a: SortKey,
  b: SortKey,
  order: "asc" | "desc"
): number {
  if (a === null || b === null) {
    return a === b ? 0 : a === null ? 1 : -1
  }
  const c =
    typeof a === "number" && typeof b === "number"
      ? Math.sign(a - b)
      : (MathBN.convert(a).comparedTo(MathBN.convert(b)) ?? 0)
  return order === "asc" ? c : -c
}

/** Compares two sort values exactly (decimal strings through MathBN); nulls last either way. */
export function compareValues(
  a: string | number | null,
  b: string | number | null,
  order: "asc" | "desc"
): number {
  if (a === null || b === null) {
    return a === b ? 0 : a === null ? 1 : -1
  }
  const c = MathBN.lt(a, b) ? -1 : MathBN.gt(a, b) ? 1 : 0
  return order === "asc" ? c : -c
}
