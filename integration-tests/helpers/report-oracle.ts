import { BigNumber } from "bignumber.js"

/**
 * The reports oracle: every number of a report answer (docs/reports.md,
 * "Metrics") computed straight from the raw tables (`referral_click`,
 * `attribution_line`, `commission_entry`, `note_view` with its note's
 * author), never from the rollups. Buckets
 * are cut as the contract says: `date_trunc(interval, ts AT TIME ZONE tz)
 * AT TIME ZONE tz`. Derived ratios are divided exactly and rounded half-up
 * once (bignumber.js, as Medusa's MathBN).
 */

export type Interval = "hour" | "day" | "week" | "month"
export type GroupBy =
  "note" | "product" | "utm_source" | "utm_campaign" | "referer" | "buyer"

/** Whose report: a buyer's, a note's, or (neither) the program's. */
export type Scope = { buyer_id?: string; note_id?: string }

export type OracleQuery = {
  /** The effective range [from, to), UTC instants on 15-minute boundaries. */
  from: Date
  to: Date
  tz: string
  interval: Interval
  group_by?: GroupBy
}

export type CurrencyMetrics = {
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
  returned_share: string | null
  epc: string | null
}

export type Metrics = {
  /** Null in the product, utm and referer groups (views have none of those). */
  views: number | null
  clicks: number
  unique_visitors: number | null
  dropped: {
    head: number
    bot: number
    duplicate: number
    burst: number
    not_earning: number
  }
  /** Null in the utm and referer groups, which attribution does not split. */
  orders: number | null
  units: number | null
  conversion: string | null
  /** `clicks ÷ views`, 6 places; null without views. */
  view_ctr: string | null
  currencies: CurrencyMetrics[]
}

export type ExpectedReport = {
  totals: Metrics
  series: ({ start: string; end: string } & Metrics)[]
  groups: ({ key: string | null } & Metrics)[]
  count: number
}

export type Sql = <T = Record<string, unknown>>(
  text: string,
  bindings?: unknown[]
) => Promise<T[]>

const RATIO6 = BigNumber.clone({
  DECIMAL_PLACES: 6,
  ROUNDING_MODE: BigNumber.ROUND_HALF_UP,
})
const RATIO4 = BigNumber.clone({
  DECIMAL_PLACES: 4,
  ROUNDING_MODE: BigNumber.ROUND_HALF_UP,
})

/** A decimal string in its shortest exact form ("12.380" → "12.38", "-0" → "0"). */
export function canon(value: string | number | null): string | null {
  if (value === null) {
    return null
  }
  const v = new BigNumber(value)
  if (!v.isFinite()) {
    throw new Error(`not a decimal: ${String(value)}`)
  }
  return v.isZero() ? "0" : v.toFixed()
}

/** `a ÷ b` rounded half-up to 6 places, as a 6-place string; null when b is 0. */
export function ratio6(a: string | number, b: string | number): string | null {
  if (new BigNumber(b).isZero()) {
    return null
  }
  return new RATIO6(a).div(b).toFixed(6)
}

/** `a ÷ b` rounded half-up to 4 places, as a 4-place string; null when b is 0. */
export function ratio4(a: string | number, b: string | number): string | null {
  if (new BigNumber(b).isZero()) {
    return null
  }
  return new RATIO4(a).div(b).toFixed(4)
}

export function emptyMetrics(): Metrics {
  return {
    views: 0,
    clicks: 0,
    unique_visitors: 0,
    dropped: { head: 0, bot: 0, duplicate: 0, burst: 0, not_earning: 0 },
    orders: 0,
    units: 0,
    conversion: null,
    view_ctr: null,
    currencies: [],
  }
}

/** The referer's host, lower case (scheme://[user@]host[:port]/…), or null. */
// (No question mark: knex would read it as a binding; `{0,1}` and `\x3f`.)
const REFERER_HOST = String.raw`lower((regexp_match(c.referer, '^[A-Za-z][A-Za-z0-9+.-]*://([^/#@\x3f]*@){0,1}([^/#:\x3f]+)'))[2])`

type Shape = "totals" | "series" | "groups"

/** The SQL expression of a row's bucket or group key, as text. */
function keyExpr(
  shape: Shape,
  table: "c" | "l" | "e" | "v",
  tsColumn: string,
  q: OracleQuery,
  bindings: unknown[]
): string | null {
  if (shape === "totals") {
    return "NULL::text"
  }
  if (shape === "series") {
    bindings.push(q.interval, q.tz, q.tz)
    return `to_char((date_trunc(?, ${table}.${tsColumn} AT TIME ZONE ?) AT TIME ZONE ?) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
  }
  if (table === "v") {
    // A view has a note and the note's author (`n`), nothing else.
    return q.group_by === "note"
      ? "v.note_id"
      : q.group_by === "buyer"
        ? "n.buyer_id"
        : null
  }
  switch (q.group_by) {
    case "note":
      return `${table}.note_id`
    case "product":
      return `${table}.product_id`
    case "buyer":
      return `${table}.buyer_id`
    case "utm_source":
    case "utm_campaign":
      return table === "c" ? `c.${q.group_by}` : null
    case "referer":
      return table === "c" ? REFERER_HOST : null
    default:
      throw new Error(`no group_by for groups: ${String(q.group_by)}`)
  }
}

function scopeFilter(
  table: "c" | "l" | "e" | "v",
  scope: Scope,
  bindings: unknown[]
): string {
  let s = ""
  if (scope.buyer_id) {
    s += ` AND ${table === "v" ? "n" : table}.buyer_id = ?`
    bindings.push(scope.buyer_id)
  }
  if (scope.note_id) {
    s += ` AND ${table}.note_id = ?`
    bindings.push(scope.note_id)
  }
  return s
}

type ClickAgg = {
  k: string | null
  clicks: number
  unique_visitors: number
  head: number
  bot: number
  duplicate: number
  burst: number
  not_earning: number
}
type ViewAgg = { k: string | null; views: number }
type OrderAgg = { k: string | null; orders: number; units: number }
type LedgerAgg = {
  k: string | null
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

/** Clicks, orders and money of one shape, keyed by bucket or group key. */
async function aggregate(
  sql: Sql,
  scope: Scope,
  q: OracleQuery,
  shape: Shape
): Promise<{
  clicks: ClickAgg[]
  orders: OrderAgg[]
  ledger: LedgerAgg[]
  views: ViewAgg[] | null
}> {
  const cb: unknown[] = []
  const ck = keyExpr(shape, "c", "clicked_at", q, cb)!
  cb.push(q.from, q.to)
  const cs = scopeFilter("c", scope, cb)
  const clicks = await sql<ClickAgg>(
    `SELECT ${ck} AS k,
       (count(*) FILTER (WHERE c.dropped_reason IS NULL))::int AS clicks,
       (count(DISTINCT c.visitor_id) FILTER (WHERE c.dropped_reason IS NULL))::int AS unique_visitors,
       (count(*) FILTER (WHERE c.dropped_reason = 'head'))::int AS head,
       (count(*) FILTER (WHERE c.dropped_reason = 'bot'))::int AS bot,
       (count(*) FILTER (WHERE c.dropped_reason = 'duplicate'))::int AS duplicate,
       (count(*) FILTER (WHERE c.dropped_reason = 'burst'))::int AS burst,
       (count(*) FILTER (WHERE c.dropped_reason = 'not_earning'))::int AS not_earning
     FROM referral_click c
     WHERE c.deleted_at IS NULL AND c.clicked_at >= ? AND c.clicked_at < ?${cs}
     GROUP BY 1`,
    cb
  )

  const ob: unknown[] = []
  const ok = keyExpr(shape, "l", "created_at", q, ob)
  let orders: OrderAgg[] = []
  if (ok) {
    ob.push(q.from, q.to)
    const os = scopeFilter("l", scope, ob)
    orders = await sql<OrderAgg>(
      `SELECT ${ok} AS k, (count(DISTINCT l.order_id))::int AS orders,
         (coalesce(sum(l.quantity), 0))::int AS units
       FROM attribution_line l
       WHERE l.deleted_at IS NULL AND l.created_at >= ? AND l.created_at < ?${os}
       GROUP BY 1`,
      ob
    )
  }

  const lb: unknown[] = []
  const lk = keyExpr(shape, "e", "created_at", q, lb)
  let ledger: LedgerAgg[] = []
  if (lk) {
    lb.push(q.from, q.to)
    const ls = scopeFilter("e", scope, lb)
    // The exact amounts are the raw values; the numeric column is a copy.
    const amt = `((e.raw_amount->>'value')::numeric)`
    const sum = (filter: string) =>
      `(coalesce(sum(${amt}) FILTER (WHERE ${filter}), 0))::text`
    ledger = await sql<LedgerAgg>(
      `SELECT ${lk} AS k, e.currency_code,
         (coalesce(sum((e.raw_base_amount->>'value')::numeric) FILTER (WHERE e.type = 'accrual'), 0))::text AS sales,
         ${sum("e.type = 'accrual'")} AS accrued,
         ${sum("e.type = 'reversal'")} AS reversed,
         ${sum("e.type = 'adjustment'")} AS adjusted,
         ${sum("true")} AS net,
         ${sum("e.status = 'pending'")} AS pending,
         ${sum("e.status = 'on_hold'")} AS on_hold,
         ${sum("e.status = 'approved'")} AS approved,
         ${sum("e.status = 'paid'")} AS paid
       FROM commission_entry e
       WHERE e.deleted_at IS NULL AND e.status <> 'void'
         AND e.created_at >= ? AND e.created_at < ?${ls}
       GROUP BY 1, 2`,
      lb
    )
  }
  // Counted views: the rows not deleted, at their own time, the buyer the
  // note's author. Null where views are not split (product, utm, referer).
  const vb: unknown[] = []
  const vk = keyExpr(shape, "v", "created_at", q, vb)
  let views: ViewAgg[] | null = null
  if (vk) {
    vb.push(q.from, q.to)
    const vs = scopeFilter("v", scope, vb)
    views = await sql<ViewAgg>(
      `SELECT ${vk} AS k, count(*)::int AS views
       FROM note_view v LEFT JOIN note n ON n.id = v.note_id
       WHERE v.deleted_at IS NULL AND v.created_at >= ? AND v.created_at < ?${vs}
       GROUP BY 1`,
      vb
    )
  }
  return { clicks, orders, ledger, views }
}

/** Metrics of one bucket, group or range from its aggregate rows. */
function metricsOf(
  click: ClickAgg | undefined,
  order: OrderAgg | undefined,
  ledger: LedgerAgg[],
  view: ViewAgg | undefined | null
): Metrics {
  const m = emptyMetrics()
  m.views = view === null ? null : (view?.views ?? 0)
  if (click) {
    m.clicks = click.clicks
    m.unique_visitors = click.unique_visitors
    m.dropped = {
      head: click.head,
      bot: click.bot,
      duplicate: click.duplicate,
      burst: click.burst,
      not_earning: click.not_earning,
    }
  }
  if (order) {
    m.orders = order.orders
    m.units = order.units
  }
  m.conversion = ratio6(m.orders!, m.clicks)
  m.view_ctr = m.views === null ? null : ratio6(m.clicks, m.views)
  m.currencies = ledger
    .map((r) => ({
      currency_code: r.currency_code,
      sales: canon(r.sales)!,
      accrued: canon(r.accrued)!,
      reversed: canon(r.reversed)!,
      adjusted: canon(r.adjusted)!,
      net: canon(r.net)!,
      pending: canon(r.pending)!,
      on_hold: canon(r.on_hold)!,
      approved: canon(r.approved)!,
      paid: canon(r.paid)!,
      returned_share: ratio6(
        new BigNumber(r.reversed).negated().toFixed(),
        r.accrued
      ),
      epc: ratio4(r.net, m.clicks),
    }))
    .sort((a, b) => a.currency_code.localeCompare(b.currency_code))
  return m
}

function byKey<T extends { k: string | null }>(
  rows: T[]
): Map<string | null, T> {
  return new Map(rows.map((r) => [r.k, r]))
}

function ledgerByKey(rows: LedgerAgg[]): Map<string | null, LedgerAgg[]> {
  const out = new Map<string | null, LedgerAgg[]>()
  for (const r of rows) {
    out.set(r.k, [...(out.get(r.k) ?? []), r])
  }
  return out
}

/**
 * Every bucket of [from, to): the distinct bucket starts of the range's
 * 15-minute instants, with each bucket's end (its local start plus one
 * interval).
 */
export async function bucketsOf(
  sql: Sql,
  q: OracleQuery
): Promise<{ start: string; end: string }[]> {
  const fmt = (e: string) =>
    `to_char((${e}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
  const rows = await sql<{ start: string; end: string }>(
    `SELECT ${fmt("b.local AT TIME ZONE ?")} AS start,
            ${fmt("(b.local + ('1 ' || ?)::interval) AT TIME ZONE ?")} AS "end"
     FROM (SELECT DISTINCT date_trunc(?, t AT TIME ZONE ?) AS local
           FROM generate_series(?::timestamptz, ?::timestamptz - interval '15 minutes', interval '15 minutes') t) b
     ORDER BY b.local AT TIME ZONE ?`,
    [q.tz, q.interval, q.tz, q.interval, q.tz, q.from, q.to, q.tz]
  )
  // Two local starts can be one instant (none in practice) — keep them distinct by start.
  const seen = new Set<string>()
  return rows.filter((r) => (seen.has(r.start) ? false : seen.add(r.start)))
}

/** The whole expected answer: totals, every bucket of the series, and every group (unordered). */
export async function expectedReport(
  sql: Sql,
  scope: Scope,
  q: OracleQuery
): Promise<ExpectedReport> {
  const t = await aggregate(sql, scope, q, "totals")
  const totals = metricsOf(
    t.clicks[0],
    t.orders[0],
    t.ledger,
    t.views?.[0] ?? undefined
  )

  const s = await aggregate(sql, scope, q, "series")
  const sc = byKey(s.clicks)
  const so = byKey(s.orders)
  const sl = ledgerByKey(s.ledger)
  const sv = byKey(s.views ?? [])
  const buckets = await bucketsOf(sql, q)
  const known = new Set(buckets.map((b) => b.start))
  for (const k of [...sc.keys(), ...so.keys(), ...sl.keys(), ...sv.keys()]) {
    if (!known.has(k as string)) {
      throw new Error(
        `oracle: a row's bucket ${k} is not a bucket of the range`
      )
    }
  }
  const series = buckets.map((b) => ({
    start: b.start,
    end: b.end,
    ...metricsOf(
      sc.get(b.start),
      so.get(b.start),
      sl.get(b.start) ?? [],
      sv.get(b.start)
    ),
  }))

  let groups: ExpectedReport["groups"] = []
  if (q.group_by) {
    const g = await aggregate(sql, scope, q, "groups")
    const gc = byKey(g.clicks)
    const go = byKey(g.orders)
    const gl = ledgerByKey(g.ledger)
    const gv = g.views === null ? null : byKey(g.views)
    const keys = new Set<string | null>([
      ...gc.keys(),
      ...go.keys(),
      ...gl.keys(),
      ...(gv?.keys() ?? []),
    ])
    // Orders and money are not split by utm value or referer host: those
    // groups carry clicks and visitors only (orders, units, conversion null).
    const clicksOnly = ["utm_source", "utm_campaign", "referer"].includes(
      q.group_by
    )
    groups = [...keys].map((key) => {
      const m = metricsOf(
        gc.get(key),
        go.get(key),
        gl.get(key) ?? [],
        gv === null ? null : gv.get(key)
      )
      if (clicksOnly) {
        m.orders = null
        m.units = null
        m.conversion = null
      }
      return { key, ...m }
    })
  }
  return { totals, series, groups, count: groups.length }
}

/** Sums the additive metrics of several slices (series buckets, note groups). */
export function sumAdditive(parts: Metrics[]): {
  views: number
  clicks: number
  dropped: Metrics["dropped"]
  units: number
  money: Record<string, Record<string, string>>
} {
  const out = {
    views: 0,
    clicks: 0,
    dropped: { head: 0, bot: 0, duplicate: 0, burst: 0, not_earning: 0 },
    units: 0,
    money: {} as Record<string, Record<string, string>>,
  }
  const fields = [
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
  for (const p of parts) {
    out.views += p.views ?? 0
    out.clicks += p.clicks
    out.units += p.units ?? 0
    for (const k of Object.keys(out.dropped) as (keyof Metrics["dropped"])[]) {
      out.dropped[k] += p.dropped[k]
    }
    for (const c of p.currencies) {
      const m = (out.money[c.currency_code] ??= {})
      for (const f of fields) {
        m[f] = canon(new BigNumber(m[f] ?? 0).plus(c[f]).toFixed())!
      }
    }
  }
  return out
}

/** Parses RFC 4180 CSV (CRLF or LF), un-prefixing formula-guarded cells. */
export function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ""
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"'
          i++
        } else {
          quoted = false
        }
      } else {
        cell += ch
      }
    } else if (ch === '"') {
      quoted = true
    } else if (ch === ",") {
      row.push(cell)
      cell = ""
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") {
        i++
      }
      row.push(cell)
      rows.push(row)
      row = []
      cell = ""
    } else {
      cell += ch
    }
  }
  if (cell !== "" || row.length) {
    row.push(cell)
    rows.push(row)
  }
  const [header, ...body] = rows.filter((r) => r.length > 1 || r[0] !== "")
  return body.map((r) =>
    Object.fromEntries(header.map((h, i) => [h, r[i] ?? ""]))
  )
}
