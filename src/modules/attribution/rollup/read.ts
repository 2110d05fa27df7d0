import { MedusaError } from "@medusajs/framework/utils"
import { scopeWhere } from "../../../utils/scope-where"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import type {
  ClickRollupRow,
  ReportGroupBy,
  ReportInterval,
  RollupQuery,
} from "../../../types/reports"
import { bucketEdges } from "../../../utils/bucket-starts"
import {
  splitByDays,
  splitByHours,
  splitDaysByMonths,
  type Spans,
} from "../../../utils/hour-spans"
import { CLICK_COUNTS } from "./columns"
import { splitRangeByUtcDays, type RangePart } from "./ranges"

/*
 * Reads of the attribution rollups (docs/reports.md). Raw SQL: the reads are
 * aggregates over several rollup tables merged in one statement (one
 * snapshot), with time-zone bucketing, which the generated list methods
 * cannot express. Every name put into the SQL text comes from the maps
 * below; every value is a binding.
 */

export const REPORT_INTERVALS: readonly ReportInterval[] = [
  "hour",
  "day",
  "week",
  "month",
]

/** The rollup column of each grouping. */
const GROUP_COLUMN: Record<ReportGroupBy, string> = {
  note: "note_id",
  product: "product_id",
  utm_source: "utm_source",
  utm_campaign: "utm_campaign",
  referer: "referer_host",
  buyer: "buyer_id",
}

/** Orders are not split by these groupings (0 in their groups). */
const CLICK_ONLY_GROUPS: ReportGroupBy[] = [
  "utm_source",
  "utm_campaign",
  "referer",
]

const CLICK_METRICS = CLICK_COUNTS

type Fragment = { sql: string; bindings: unknown[] }

const NO_SPANS: Spans = { from: [], to: [] }

type RawRow = {
  key: string | null
  bucket: Date | null
  counted: string | number
  dropped_head: string | number
  dropped_bot: string | number
  dropped_duplicate: string | number
  dropped_burst: string | number
  dropped_not_earning: string | number
  orders: string | number
  units: string | number
  visitors: string | number
}

export type ClickRollupQuery = RollupQuery & {
  unique_visitors?: boolean
  /**
   * Only the distinct visitors (with `unique_visitors`): for totals whose
   * additive counts the caller already has from the series.
   */
  visitors_only?: boolean
}

function checkQuery(q: ClickRollupQuery): void {
  const fail = (field: string, message: string): never => {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `${field}: ${message}`
    )
  }
  if (!(q.from instanceof Date) || isNaN(+q.from)) {
    fail("from", "must be a date")
  }
  if (!(q.to instanceof Date) || isNaN(+q.to)) {
    fail("to", "must be a date")
  }
  if (typeof q.tz !== "string" || !q.tz) {
    fail("tz", "must be a time zone")
  }
  if (q.shape === "series" && !REPORT_INTERVALS.includes(q.interval!)) {
    fail("interval", "a series needs one of hour, day, week, month")
  }
  if (q.shape === "groups" && !(q.group_by! in GROUP_COLUMN)) {
    fail("group_by", "groups need a known group_by")
  }
  if (!["totals", "series", "groups"].includes(q.shape)) {
    fail("shape", "must be totals, series or groups")
  }
}

/** The local start of the bucket of `column` in the series' zone. */
function bucketOf(
  q: ClickRollupQuery,
  column: string,
  bindings: unknown[]
): string {
  if (q.shape !== "series") {
    return "NULL::timestamptz"
  }
  // `interval` is one of REPORT_INTERVALS (checked), the zone a binding.
  bindings.push(q.tz, q.tz)
  return `(date_trunc('${q.interval}', ${column} AT TIME ZONE ?::text) AT TIME ZONE ?::text)`
}

/**
 * The rows of `table` (time column `column`) within the spans, with the
 * `where` conditions: a join on the spans, each an index range.
 */
function spanPart(
  q: ClickRollupQuery,
  table: string,
  column: string,
  spans: Spans,
  metrics: string,
  where: { sql: string; bindings: unknown[] },
  key = "NULL::text"
): Fragment | null {
  if (!spans.from.length) {
    return null
  }
  const bindings: unknown[] = []
  const bucket = bucketOf(q, `r.${column}`, bindings)
  bindings.push(
    spans.from.map((t) => new Date(t)),
    spans.to.map((t) => new Date(t)),
    ...where.bindings
  )
  return {
    sql: `SELECT ${key} AS key, ${bucket} AS bucket, ${metrics}
            FROM unnest(ARRAY[?]::timestamptz[], ARRAY[?]::timestamptz[]) AS s (a, b)
            JOIN ${table} r ON r.${column} >= s.a AND r.${column} < s.b
           WHERE ${where.sql}`,
    bindings,
  }
}

/**
 * Clicks and orders of the range without a note or a grouping, from the
 * hourly rollups (the buyer's scope, or '*' for the program) where whole
 * hours fall in one bucket, from the 15-minute rows elsewhere (the ragged
 * ends, the hours a zone offset by 30 or 45 minutes cuts).
 */
async function hourlyParts(
  manager: SqlEntityManager,
  q: ClickRollupQuery,
  clickMetrics: string,
  orderMetrics: string
): Promise<Fragment[]> {
  const edges =
    q.shape !== "series"
      ? []
      : (q.edges ??
        (await bucketEdges(manager, q.from, q.to, q.tz, q.interval!)))
  const buyer = q.filters?.buyer_id
  // A buyer's whole UTC days that fall in one bucket from the buyer-day
  // rows (the program has no day rows: its hours).
  const { days, hours, quarters } =
    buyer != null
      ? splitByDays(+q.from, +q.to, edges)
      : { days: NO_SPANS, ...splitByHours(+q.from, +q.to, edges) }
  const scope = { sql: "r.scope = ?", bindings: [buyer ?? "*"] }
  const fine =
    buyer != null
      ? { sql: "r.buyer_id = ?", bindings: [buyer] }
      : { sql: "TRUE", bindings: [] }
  return [
    spanPart(q, "click_buyer_day", "day", days, clickMetrics, fine),
    spanPart(q, "order_buyer_day", "day", days, orderMetrics, fine),
    spanPart(q, "click_hour", "hour", hours, clickMetrics, scope),
    spanPart(q, "order_hour", "hour", hours, orderMetrics, scope),
    spanPart(q, "click_rollup", "bucket", quarters, clickMetrics, fine),
    spanPart(q, "order_note_rollup", "bucket", quarters, orderMetrics, fine),
  ].filter((p): p is Fragment => p !== null)
}

/**
 * The rows one rollup table contributes: its key and bucket projected, the
 * range parts, the filters and the keys applied. `metrics` is the select
 * list after key and bucket.
 */
function part(
  q: ClickRollupQuery,
  table: string,
  range: RangePart,
  metrics: string,
  keyColumn: string | null,
  groupBy = "",
  dim: string | null = null
): Fragment {
  const bindings: unknown[] = []
  const time =
    range.grain === "day"
      ? "r.day"
      : range.grain === "month"
        ? "r.month"
        : "r.bucket"
  const key = keyColumn ? `NULLIF(r.${keyColumn}, '')` : "NULL::text"
  const bucket = bucketOf(q, "r.bucket", bindings)
  const where = [`${time} >= ?`, `${time} < ?`]
  bindings.push(range.from, range.to)
  if (dim) {
    // A group-day table: the rows of this grouping (`dim` is a GROUP_COLUMN key).
    where.push(`r.dim = '${dim}'`)
  }
  if (q.filters?.buyer_id != null) {
    where.push("r.buyer_id = ?")
    bindings.push(q.filters.buyer_id)
  }
  if (q.filters?.note_id != null) {
    where.push("r.note_id = ?")
    bindings.push(q.filters.note_id)
  }
  if (q.shape === "groups" && q.keys && keyColumn) {
    where.push(`r.${keyColumn} IN (${q.keys.map(() => "?").join(", ")})`)
    bindings.push(...q.keys.map((k) => k ?? ""))
  }
  return {
    sql: `SELECT ${key} AS key, ${bucket} AS bucket, ${metrics}
            FROM ${table} r WHERE ${where.join(" AND ")}${groupBy}`,
    bindings,
  }
}

/**
 * Clicks, visitors, orders and units of the attribution rollups, as
 * `totals` (one row), `series` (a row per bucket with data) or `groups` (a
 * row per key with data). See `RollupQuery`.
 *
 * Without a note or a grouping (a buyer's or the program's series and
 * totals), the hourly rollups and the 15-minute rows around them (see
 * hourlyParts). The leaderboard (groups by buyer over the whole program)
 * and a buyer's groups by note or product read the UTC day rows (per
 * buyer; per buyer and note or product) for the range's whole UTC days and
 * the 15-minute rows for its ends; every other read, the 15-minute rows.
 */
export async function readClickRollup(
  manager: SqlEntityManager,
  q: ClickRollupQuery
): Promise<ClickRollupRow[]> {
  checkQuery(q)
  if (q.shape === "groups" && q.keys && !q.keys.length) {
    return []
  }
  const groupBy = q.shape === "groups" ? q.group_by! : null
  const keyColumn = groupBy ? GROUP_COLUMN[groupBy] : null
  const leaderboard =
    q.shape !== "series" &&
    q.filters?.buyer_id == null &&
    q.filters?.note_id == null &&
    (groupBy === null || groupBy === "buyer")
  // A buyer's groups by note or product: whole UTC days from the
  // group-day tables, the ends from the 15-minute rows.
  const buyerGroups =
    q.filters?.buyer_id != null &&
    q.filters?.note_id == null &&
    (groupBy === "note" || groupBy === "product")
  const ranges =
    leaderboard || buyerGroups
      ? splitRangeByUtcDays(q.from, q.to)
      : q.to > q.from
        ? [{ grain: "bucket" as const, from: q.from, to: q.to }]
        : []

  const parts: Fragment[] = []
  // A ranking read (`only`) of groups: the counts alone, the dropped
  // clicks 0 (not read; the leaderboard reads them: a buyer whose clicks
  // in the range were all dropped is a group, and a month row minus the
  // days outside the range can leave a buyer with nothing).
  const rank = q.shape === "groups" && q.only !== undefined
  const clickMetricsOf = (sign: "" | "-") =>
    `${CLICK_METRICS.map((m) =>
      rank && !leaderboard && m !== "counted"
        ? `0 AS ${m}`
        : `${sign}r.${m} AS ${m}`
    ).join(", ")}, 0 AS orders, 0 AS units, 0 AS visitors`
  const orderMetricsOf = (sign: "" | "-") =>
    `${CLICK_METRICS.map((m) => `0 AS ${m}`).join(", ")}, ${sign}r.orders AS orders, ${sign}r.units AS units, 0 AS visitors`
  const clickMetrics = clickMetricsOf("")
  const orderMetrics = orderMetricsOf("")
  const hourly =
    !groupBy && q.filters?.note_id == null && !q.visitors_only && q.to > q.from
  if (hourly) {
    parts.push(...(await hourlyParts(manager, q, clickMetrics, orderMetrics)))
  }
  for (const range of q.visitors_only || hourly ? [] : ranges) {
    if (leaderboard && range.grain === "bucket") {
      // The ends of the leaderboard's range: every buyer's whole hours from
      // the hourly rows, the rest from the 15-minute rows.
      const { hours, quarters } = splitByHours(+range.from, +range.to)
      const keys =
        q.shape === "groups" && q.keys
          ? {
              sql: ` AND r.scope IN (${q.keys.map(() => "?").join(", ")})`,
              bindings: q.keys.map((k) => k ?? ""),
            }
          : { sql: "", bindings: [] }
      const buyers = {
        sql: `r.scope <> '*'${keys.sql}`,
        bindings: keys.bindings,
      }
      const key = groupBy ? "NULLIF(r.scope, '')" : "NULL::text"
      for (const [table, metrics] of [
        ["click_hour", clickMetrics],
        ["order_hour", orderMetrics],
      ]) {
        const p = spanPart(q, table, "hour", hours, metrics, buyers, key)
        if (p) {
          parts.push(p)
        }
      }
      for (const [from, i] of quarters.from.map((f, i) => [f, i])) {
        const quarter = {
          grain: "bucket" as const,
          from: new Date(from),
          to: new Date(quarters.to[i]),
        }
        parts.push(
          part(q, "click_rollup", quarter, clickMetrics, keyColumn),
          part(q, "order_note_rollup", quarter, orderMetrics, keyColumn)
        )
      }
      continue
    }
    if (leaderboard && range.grain === "day") {
      // The whole days: per-buyer month rows where a month lies in the
      // range (or mostly: minus its days outside), day rows for the rest.
      const { months, add, subtract } = splitDaysByMonths(
        +range.from,
        +range.to,
        Date.now()
      )
      const spans: [Spans, "month" | "day", "" | "-"][] = [
        [months, "month", ""],
        [add, "day", ""],
        [subtract, "day", "-"],
      ]
      for (const [s, grain, sign] of spans) {
        s.from.forEach((f, i) => {
          const r = { grain, from: new Date(f), to: new Date(s.to[i]) }
          parts.push(
            part(q, `click_buyer_${grain}`, r, clickMetricsOf(sign), keyColumn),
            part(q, `order_buyer_${grain}`, r, orderMetricsOf(sign), keyColumn)
          )
        })
      }
      continue
    }
    if (buyerGroups && range.grain === "day") {
      parts.push(
        part(q, "click_group_day", range, clickMetrics, "key", "", groupBy),
        part(q, "order_group_day", range, orderMetrics, "key", "", groupBy)
      )
      continue
    }
    parts.push(
      part(
        q,
        range.grain === "day" ? "click_buyer_day" : "click_rollup",
        range,
        clickMetrics,
        keyColumn
      )
    )
    if (!groupBy || !CLICK_ONLY_GROUPS.includes(groupBy)) {
      // order_note_rollup holds each order once per (bucket, buyer, note);
      // by product an order counts in each product it has a line of.
      const table =
        range.grain === "day"
          ? "order_buyer_day"
          : groupBy === "product"
            ? "order_rollup"
            : "order_note_rollup"
      parts.push(part(q, table, range, orderMetrics, keyColumn))
    }
  }
  if (q.unique_visitors && q.to > q.from) {
    // Distinct visitors do not add up across buckets or days: always the
    // 15-minute visitor rows, counted per output key and bucket.
    parts.push(
      part(
        q,
        "click_visitor",
        { grain: "bucket", from: q.from, to: q.to },
        `${CLICK_METRICS.map((m) => `0 AS ${m}`).join(", ")}, 0 AS orders, 0 AS units, count(DISTINCT r.visitor_id) AS visitors`,
        keyColumn,
        " GROUP BY 1, 2"
      )
    )
  }

  let rows: RawRow[] = []
  if (parts.length) {
    const sql = `SELECT u.key, u.bucket,
        ${CLICK_METRICS.map((m) => (rank && m !== "counted" ? `NULL::bigint AS ${m}` : `sum(u.${m})::bigint AS ${m}`)).join(", ")},
        sum(u.orders)::bigint AS orders, sum(u.units)::bigint AS units,
        sum(u.visitors)::bigint AS visitors
      FROM (${parts.map((p) => p.sql).join("\n UNION ALL ")}) u
      GROUP BY u.key, u.bucket${
        leaderboard
          ? `\n      HAVING ${[...CLICK_METRICS, "orders", "units", "visitors"].map((m) => `sum(u.${m}) <> 0`).join(" OR ")}`
          : ""
      }
      ORDER BY u.bucket NULLS FIRST, u.key NULLS FIRST`
    rows = (await manager.execute(
      sql,
      parts.flatMap((p) => p.bindings)
    )) as RawRow[]
  }

  const result = rows.map((r) => toRow(r, q.unique_visitors === true))
  if (q.shape === "totals" && !result.length) {
    result.push(toRow(null, q.unique_visitors === true))
  }
  return result
}

function toRow(r: RawRow | null, visitors: boolean): ClickRollupRow {
  const n = (v: string | number | undefined) => Number(v ?? 0)
  return {
    bucket: r?.bucket ? new Date(r.bucket).toISOString() : null,
    key: r?.key ?? null,
    clicks: n(r?.counted),
    dropped: {
      head: n(r?.dropped_head),
      bot: n(r?.dropped_bot),
      duplicate: n(r?.dropped_duplicate),
      burst: n(r?.dropped_burst),
      not_earning: n(r?.dropped_not_earning),
    },
    unique_visitors: visitors ? n(r?.visitors) : null,
    orders: n(r?.orders),
    units: n(r?.units),
  }
}

/**
 * The start of the first 15-minute bucket with a click or an attributed
 * order (for the `all` preset), or null without any.
 */
export async function firstActivityAt(
  manager: SqlEntityManager,
  filters: { buyer_id?: string; note_id?: string } = {}
): Promise<Date | null> {
  const { cond, bindings } = scopeWhere(filters)
  const [row] = (await manager.execute(
    `SELECT least(
       (SELECT min(bucket) FROM click_rollup ${cond}),
       (SELECT min(bucket) FROM order_note_rollup ${cond})) AS first`,
    [...bindings, ...bindings]
  )) as { first: Date | null }[]
  return row?.first ? new Date(row.first) : null
}
