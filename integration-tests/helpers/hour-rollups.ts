import {
  CLICK_HOUR,
  LEDGER_HOUR,
  ORDER_HOUR,
  type HourRollupSpec,
} from "../../src/utils/hour-rollup-sql"

export const HOUR_ROLLUPS = { CLICK_HOUR, ORDER_HOUR, LEDGER_HOUR }

/**
 * How far an hourly rollup is from its fine rollup summed by hand: the rows
 * (each buyer's scope and '*', without the all-zero ones) that one has and
 * the other has not. Zero when the triggers kept it exact. Independent of
 * the triggers' SQL: hours from the epoch by `date_trunc` in UTC, numeric
 * equality.
 */
export async function hourRollupMismatches(
  sql: (text: string, bindings?: unknown[]) => Promise<unknown>,
  spec: HourRollupSpec
): Promise<number> {
  const keys = spec.keys.map((k) => `, ${k}`).join("")
  const sums = spec.sums.map((c) => `sum(${c})::numeric AS ${c}`).join(", ")
  const nonZero = spec.sums.map((c) => `${c} <> 0`).join(" OR ")
  const hour = `date_trunc('hour', bucket AT TIME ZONE 'UTC')`
  const want = `
    SELECT * FROM (
      SELECT buyer_id AS scope, ${hour} AS hour${keys}, ${sums}
        FROM ${spec.fine} GROUP BY 1, 2${keys}
      UNION ALL
      SELECT '*', ${hour}${keys}, ${sums}
        FROM ${spec.fine} GROUP BY 2${keys}) w
    WHERE ${nonZero}`
  const got = `
    SELECT scope, hour AT TIME ZONE 'UTC' AS hour${keys},
      ${spec.sums.map((c) => `${c}::numeric AS ${c}`).join(", ")}
      FROM ${spec.hour} WHERE ${nonZero}`
  const rows = (await sql(
    `WITH want AS (${want}), got AS (${got})
     SELECT count(*)::int AS n FROM (
       (SELECT * FROM want EXCEPT ALL SELECT * FROM got)
       UNION ALL
       (SELECT * FROM got EXCEPT ALL SELECT * FROM want)) x`
  )) as { n: number }[]
  return rows[0].n
}
