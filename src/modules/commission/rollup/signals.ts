import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { decimal } from "../utils/money"

/** Accrued and reversed commission of one buyer (or the program) in one currency. */
export type ReturnSignalRow = {
  /** Null: the whole program. */
  buyer_id: string | null
  currency_code: string
  accrued: string
  /** Negative or zero. */
  reversed: string
  /** The first 15-minute bucket with a reversal. */
  first_reversal_at: Date | null
}

/**
 * The review signals' `returns` read (docs/reports.md, "Review signals"):
 * accruals and reversals over [from, to) per buyer and currency, and per
 * currency for the whole program, from `ledger_rollup` (void entries are
 * not in its sums). Raw SQL for the grouping sets.
 */
export async function readReturnSignals(
  manager: SqlEntityManager,
  range: { from: Date; to: Date }
): Promise<ReturnSignalRow[]> {
  const rows = (await manager.execute(
    `SELECT NULLIF(buyer_id, '') AS buyer_id, grouping(buyer_id) AS program, currency_code,
       sum(accrued)::text AS accrued, sum(reversed)::text AS reversed,
       to_char(min(bucket) FILTER (WHERE reversed <> 0) AT TIME ZONE 'UTC',
         'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS first_reversal_at
     FROM ledger_rollup
     WHERE bucket >= ? AND bucket < ? AND entries <> 0
     GROUP BY GROUPING SETS ((buyer_id, currency_code), (currency_code))
     ORDER BY program, buyer_id, currency_code`,
    [range.from, range.to]
  )) as Record<string, unknown>[]
  return rows
    .filter((r) => Number(r.program) === 1 || r.buyer_id !== null)
    .map((r) => ({
      buyer_id: Number(r.program) === 1 ? null : (r.buyer_id as string),
      currency_code: r.currency_code as string,
      accrued: decimal(r.accrued as string),
      reversed: decimal(r.reversed as string),
      first_reversal_at: r.first_reversal_at
        ? new Date(r.first_reversal_at as string)
        : null,
    }))
}
