import {
  CLICK_BUYER_MONTH,
  CLICK_GROUP_DAY,
  CLICK_HOUR,
  LEDGER_BUYER_MONTH,
  LEDGER_GROUP_DAY,
  LEDGER_HOUR,
  ORDER_BUYER_MONTH,
  ORDER_HOUR,
  ORDER_NOTE_DAY,
  ORDER_PRODUCT_DAY,
  type HourRollupSpec,
} from "../../src/utils/hour-rollup-sql"

export const HOUR_ROLLUPS = {
  CLICK_HOUR,
  ORDER_HOUR,
  LEDGER_HOUR,
  CLICK_GROUP_DAY,
  ORDER_NOTE_DAY,
  ORDER_PRODUCT_DAY,
  LEDGER_GROUP_DAY,
  CLICK_BUYER_MONTH,
  ORDER_BUYER_MONTH,
  LEDGER_BUYER_MONTH,
}

/**
 * How far a derived rollup (hourly, or group-day) is from its fine rollup
 * summed by hand: the rows (without the all-zero ones) that one has and
 * the other has not. Zero when the triggers kept it exact. Independent of
 * the triggers' upsert: times by `date_trunc` in UTC, plain GROUP BY,
 * numeric equality.
 */
export async function hourRollupMismatches(
  sql: (text: string, bindings?: unknown[]) => Promise<unknown>,
  spec: HourRollupSpec
): Promise<number> {
  const fanout = spec.fanout ?? {
    columns: ["scope"],
    rows: [["d.buyer_id"], ["'*'"]],
  }
  const time = spec.grain ?? "hour"
  const keys = spec.keys.map((k) => `, ${k}`).join("")
  const sums = spec.sums.map((c) => `sum(${c})::numeric AS ${c}`).join(", ")
  const nonZero = spec.sums.map((c) => `${c} <> 0`).join(" OR ")
  const at = `date_trunc('${time}', ${spec.fineTime ?? "bucket"} AT TIME ZONE 'UTC')`
  const lead = fanout.columns.length
  const groupBy = Array.from({ length: lead + 1 }, (_, i) => i + 1).join(", ")
  const want = `
    SELECT * FROM (
      ${fanout.rows
        .map(
          (row) => `SELECT ${row
            .map((v, i) => `${v.replace(/\bd\./g, "")} AS ${fanout.columns[i]}`)
            .join(", ")}, ${at} AS t${keys}, ${sums}
        FROM ${spec.fine} GROUP BY ${groupBy}${keys}`
        )
        .join("\n      UNION ALL\n      ")}) w
    WHERE ${nonZero}`
  const got = `
    SELECT ${fanout.columns.join(", ")}, ${time} AT TIME ZONE 'UTC' AS t${keys},
      ${spec.sums.map((c) => `${c}::numeric AS ${c}`).join(", ")}
      FROM ${spec.hour} WHERE (${nonZero})${spec.owns ? ` AND ${spec.owns}` : ""}`
  const rows = (await sql(
    `WITH want AS (${want}), got AS (${got})
     SELECT count(*)::int AS n FROM (
       (SELECT * FROM want EXCEPT ALL SELECT * FROM got)
       UNION ALL
       (SELECT * FROM got EXCEPT ALL SELECT * FROM want)) x`
  )) as { n: number }[]
  return rows[0].n
}
