import { MedusaError } from "@medusajs/framework/utils"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import type {
  ReportGroupBy,
  ReportInterval,
  RollupQuery,
  ViewRollupRow,
} from "../../../types/reports"

/*
 * Reads of the views rollup (docs/reports.md): the 15-minute rows of
 * `note_view_rollup`, summed per output bucket (cut in the report's zone
 * with the same expression as the click reads, so the buckets match) or
 * per group key. Every name put into the SQL text comes from the maps
 * below; every value is a binding.
 */

const INTERVALS: readonly ReportInterval[] = ["hour", "day", "week", "month"]

/** The groupings views are split by, and the key each reads. */
const VIEW_GROUP_KEY: Partial<Record<ReportGroupBy, string>> = {
  note: "r.note_id",
  buyer: "NULLIF(r.buyer_id, '')",
}

/** Whether views are split by `groupBy` (views have no product, utm or referer). */
export const viewsSplitBy = (groupBy: ReportGroupBy) =>
  groupBy in VIEW_GROUP_KEY

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
  const bindings: unknown[] = []
  let bucket = "NULL::timestamptz"
  if (q.shape === "series") {
    bucket = `(date_trunc('${q.interval}', r.bucket AT TIME ZONE ?::text) AT TIME ZONE ?::text)`
    bindings.push(q.tz, q.tz)
  }
  const where = ["r.bucket >= ?", "r.bucket < ?"]
  bindings.push(q.from, q.to)
  if (q.filters?.buyer_id != null) {
    where.push("r.buyer_id = ?")
    bindings.push(q.filters.buyer_id)
  }
  if (q.filters?.note_id != null) {
    where.push("r.note_id = ?")
    bindings.push(q.filters.note_id)
  }
  if (groupKey && q.keys) {
    const column = q.group_by === "buyer" ? "r.buyer_id" : "r.note_id"
    where.push(`${column} IN (${q.keys.map(() => "?").join(", ")})`)
    bindings.push(...q.keys.map((k) => k ?? ""))
  }
  const rows = none
    ? []
    : ((await manager.execute(
        `SELECT ${groupKey ?? "NULL::text"} AS key, ${bucket} AS bucket,
                sum(r.views)::bigint AS views
           FROM note_view_rollup r
          WHERE ${where.join(" AND ")}
          GROUP BY 1, 2
         HAVING sum(r.views) <> 0
          ORDER BY 2 NULLS FIRST, 1 NULLS FIRST`,
        bindings
      )) as { key: string | null; bucket: Date | null; views: string }[])
  const result = rows.map((r) => ({
    bucket: r.bucket ? new Date(r.bucket).toISOString() : null,
    key: r.key ?? null,
    views: Number(r.views),
  }))
  if (q.shape === "totals" && !result.length) {
    result.push({ bucket: null, key: null, views: 0 })
  }
  return result
}

/** The start of the first 15-minute bucket with a counted view, or null. */
export async function firstViewAt(
  manager: SqlEntityManager,
  filters: { buyer_id?: string; note_id?: string } = {}
): Promise<Date | null> {
  const where: string[] = []
  const bindings: unknown[] = []
  if (filters.buyer_id != null) {
    where.push("buyer_id = ?")
    bindings.push(filters.buyer_id)
  }
  if (filters.note_id != null) {
    where.push("note_id = ?")
    bindings.push(filters.note_id)
  }
  const [row] = (await manager.execute(
    `SELECT min(bucket) AS first FROM note_view_rollup${where.length ? ` WHERE ${where.join(" AND ")}` : ""}`,
    bindings
  )) as { first: Date | null }[]
  return row?.first ? new Date(row.first) : null
}
