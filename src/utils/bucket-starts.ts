import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { MedusaError } from "@medusajs/framework/utils"
import type { ReportInterval } from "../types/reports"
import { REPORT_INTERVALS } from "../reports/range"
import { bucketStartsSql } from "./hour-spans"

/**
 * Bucket starts already asked for, per range, zone and interval: a pure
 * function of them and PostgreSQL's zone rules, and a round trip saved on
 * every report or series read whose range was asked before (a preset's
 * range moves every 15 minutes). Shared by the attribution, commission
 * and notes reads (one process, one memo). Bounded; the oldest entries go
 * first.
 */
const memo = new Map<string, string[]>()
const MEMO_SIZE = 512

/**
 * The local start of every bucket of [from, to) in `tz`, as UTC ISO
 * instants, the first being the bucket that contains `from`
 * (`bucketStartsSql`: the expression the series reads cut their buckets
 * with, so the starts match them across DST changes too; a local hour that
 * does not exist maps onto the next one and is given once). Asked of the
 * database once per range, zone and interval, then kept (see `memo`). The
 * answer is shared: callers must not change it.
 */
export async function bucketStarts(
  manager: SqlEntityManager,
  from: Date,
  to: Date,
  tz: string,
  interval: ReportInterval
): Promise<string[]> {
  if (!REPORT_INTERVALS.includes(interval)) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      "interval: must be one of hour, day, week, month"
    )
  }
  if (!(to > from)) {
    return []
  }
  const key = `${+from} ${+to} ${tz} ${interval}`
  const known = memo.get(key)
  if (known) {
    return known
  }
  const starts = bucketStartsSql(from, to, tz, interval)
  const rows = (await manager.execute(starts.sql, starts.bindings)) as {
    start: Date | string
  }[]
  const out = rows.map((r) => new Date(r.start).toISOString())
  if (memo.size >= MEMO_SIZE) {
    // The oldest entry (a Map keeps insertion order).
    memo.delete(memo.keys().next().value as string)
  }
  memo.set(key, out)
  return out
}

/** `bucketStarts` as instants (ms): the edges the series reads cut by. */
export async function bucketEdges(
  manager: SqlEntityManager,
  from: Date,
  to: Date,
  tz: string,
  interval: ReportInterval
): Promise<number[]> {
  return (await bucketStarts(manager, from, to, tz, interval)).map((s) =>
    Date.parse(s)
  )
}
