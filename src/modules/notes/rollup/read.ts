import { MedusaError } from "@medusajs/framework/utils"
import { scopeWhere } from "../../../utils/scope-where"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import type {
  ReportGroupBy,
  ReportInterval,
  RollupQuery,
  ViewRollupRow,
} from "../../../types/reports"
import { bucketEdges } from "../../../utils/bucket-starts"
import { splitByDays, type Spans } from "../../../utils/hour-spans"

/*
 * Reads of the views rollups (docs/reports.md): `note_view_rollup` (15
 * minutes × buyer × note), `note_view_day` (UTC day × buyer × note) and
 * `note_view_program` (15 minutes, the program's): the program's series
 * reads the program's rows; a buyer's series, groups and totals read the
 * whole UTC days (that fall inside one bucket) from the day rows, the rest
 * from the 15-minute rows in as few spans as possible; a note's reads, the
 * 15-minute rows. Buckets are cut in the report's zone
 * with the same expression as the click reads, so the buckets match. Every
 * name put into the SQL text comes from the code below; every value is a
 * binding.
 */

const INTERVALS: readonly ReportInterval[] = ["hour", "day", "week", "month"]

/** The groupings views are split by, and the key each reads. */
const VIEW_GROUP_KEY: Partial<Record<ReportGroupBy, string>> = {
  note: "r.note_id",
  buyer: "NULLIF(r.buyer_id, '')",
}
const VIEW_GROUP_COLUMN: Partial<Record<ReportGroupBy, string>> = {
  note: "r.note_id",
  buyer: "r.buyer_id",
}

/** Whether views are split by `groupBy` (views have no product, utm or referer). */
export const viewsSplitBy = (groupBy: ReportGroupBy) =>
  groupBy in VIEW_GROUP_KEY

type Part = { sql: string; bindings: unknown[] }

/**
 * Both span lists as one, in order, touching spans merged: the 15-minute
 * rows answer both, and one range is one index scan where many spans of a
 * buyer make PostgreSQL filter all the buyer's rows once per span.
 */
function joinSpans(a: Spans, b: Spans): Spans {
  const all = a.from
    .map((f, i) => [f, a.to[i]])
    .concat(b.from.map((f, i) => [f, b.to[i]]))
    .sort((x, y) => x[0] - y[0])
  const out: Spans = { from: [], to: [] }
  for (const [f, t] of all) {
    const last = out.to.length - 1
    if (last >= 0 && out.to[last] === f) {
      out.to[last] = t
    } else {
      out.from.push(f)
      out.to.push(t)
    }
  }
  return out
}

/**
 * Counted views of the range as `totals` (one row), `series` (a row per
 * bucket with views) or `groups` (a row per note or buyer with views; no
 * rows for a grouping views are not split by).
 */
export async function readViewRollup(
  manager: SqlEntityManager,
  q: RollupQuery
): Promise<ViewRollupRow[]> {
  if (q.shape === "series" && !INTERVALS.includes(q.interval!)) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      "interval: a series needs one of hour, day, week, month"
    )
  }
  const groupKey = q.shape === "groups" ? VIEW_GROUP_KEY[q.group_by!] : null
  const none =
    (q.shape === "groups" && (!groupKey || (q.keys && !q.keys.length))) ||
    !(q.to > q.from)
  const result: ViewRollupRow[] = []
  if (!none) {
    const parts = await viewParts(manager, q, groupKey ?? "NULL::text")
    const rows = parts.length
      ? ((await manager.execute(
          `SELECT u.key, u.bucket, sum(u.views)::bigint AS views
             FROM (${parts.map((p) => p.sql).join("\n UNION ALL ")}) u
            GROUP BY u.key, u.bucket
           HAVING sum(u.views) <> 0
            ORDER BY u.bucket NULLS FIRST, u.key NULLS FIRST`,
          parts.flatMap((p) => p.bindings)
        )) as { key: string | null; bucket: Date | null; views: string }[])
      : []
    for (const r of rows) {
      result.push({
        bucket: r.bucket ? new Date(r.bucket).toISOString() : null,
        key: r.key ?? null,
        views: Number(r.views),
      })
    }
  }
  if (q.shape === "totals" && !result.length) {
    result.push({ bucket: null, key: null, views: 0 })
  }
  return result
}

/** The parts of a read: which table answers which spans of the range. */
async function viewParts(
  manager: SqlEntityManager,
  q: RollupQuery,
  key: string
): Promise<Part[]> {
  const buyer = q.filters?.buyer_id
  const note = q.filters?.note_id
  const from = +q.from
  const to = +q.to
  const whole: Spans = { from: [from], to: [to] }
  const span = (
    table: string,
    column: string,
    spans: Spans,
    where: string[],
    bindings: unknown[],
    partKey = key
  ): Part | null => {
    if (!spans.from.length) {
      return null
    }
    const b: unknown[] = []
    let bucket = "NULL::timestamptz"
    if (q.shape === "series") {
      // `interval` is one of INTERVALS (checked), the zone a binding.
      bucket = `(date_trunc('${q.interval}', r.${column} AT TIME ZONE ?::text) AT TIME ZONE ?::text)`
      b.push(q.tz, q.tz)
    }
    if (spans.from.length === 1) {
      // One range: a plain condition, which PostgreSQL plans as one index
      // range (a join on one span can make it filter a buyer's rows).
      b.push(new Date(spans.from[0]), new Date(spans.to[0]), ...bindings)
      return {
        sql: `SELECT ${partKey} AS key, ${bucket} AS bucket, r.views
                FROM ${table} r
               WHERE r.${column} >= ? AND r.${column} < ?${where.map((w) => ` AND ${w}`).join("")}`,
        bindings: b,
      }
    }
    b.push(
      spans.from.map((t) => new Date(t)),
      spans.to.map((t) => new Date(t)),
      ...bindings
    )
    return {
      sql: `SELECT ${partKey} AS key, ${bucket} AS bucket, r.views
              FROM unnest(ARRAY[?]::timestamptz[], ARRAY[?]::timestamptz[]) AS s (a, b)
              JOIN ${table} r ON r.${column} >= s.a AND r.${column} < s.b
             WHERE ${where.length ? where.join(" AND ") : "TRUE"}`,
      bindings: b,
    }
  }
  // The filters and keys of the 15-minute and day rows.
  const where: string[] = []
  const bindings: unknown[] = []
  if (buyer != null) {
    where.push("r.buyer_id = ?")
    bindings.push(buyer)
  }
  if (note != null) {
    where.push("r.note_id = ?")
    bindings.push(note)
  }
  if (q.shape === "groups" && q.keys) {
    where.push(
      `${VIEW_GROUP_COLUMN[q.group_by!]} IN (${q.keys.map(() => "?").join(", ")})`
    )
    bindings.push(...q.keys.map((k) => k ?? ""))
  }
  const parts: (Part | null)[] = []
  if (note != null) {
    // A note's views: its 15-minute rows (few).
    parts.push(span("note_view_rollup", "bucket", whole, where, bindings))
  } else if (q.shape === "series") {
    if (buyer != null) {
      // A buyer's whole UTC days in one bucket from the day rows, the rest
      // from the 15-minute rows.
      const edges =
        q.edges ?? (await bucketEdges(manager, q.from, q.to, q.tz, q.interval!))
      const { days, hours, quarters } = splitByDays(from, to, edges)
      parts.push(
        span("note_view_day", "day", days, where, bindings),
        span(
          "note_view_rollup",
          "bucket",
          joinSpans(hours, quarters),
          where,
          bindings
        )
      )
    } else {
      // The program: its own 15-minute rows (one per 15 minutes).
      parts.push(span("note_view_program", "bucket", whole, [], []))
    }
  } else {
    // Totals and groups: whole UTC days from the day rows, the rest from
    // the 15-minute rows.
    const { days, hours, quarters } = splitByDays(from, to)
    parts.push(
      span("note_view_day", "day", days, where, bindings),
      span(
        "note_view_rollup",
        "bucket",
        joinSpans(hours, quarters),
        where,
        bindings
      )
    )
  }
  return parts.filter((p): p is Part => p !== null)
}

/** The start of the first 15-minute bucket with a counted view, or null. */
export async function firstViewAt(
  manager: SqlEntityManager,
  filters: { buyer_id?: string; note_id?: string } = {}
): Promise<Date | null> {
  const { cond, bindings } = scopeWhere(filters)
  const [row] = (await manager.execute(
    `SELECT min(bucket) AS first FROM note_view_rollup ${cond}`,
    bindings
  )) as { first: Date | null }[]
  return row?.first ? new Date(row.first) : null
}
