import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import type { RollupRebuildProgress } from "../../../types/reports"
import {
  LEDGER_GROUP_DAY,
  LEDGER_HOUR,
  hourBackfillSql,
} from "../../../utils/hour-rollup-sql"

export type RebuildLedgerRollupsOptions = {
  /** Buyers per transaction (default 200). */
  batch_size?: number
  onProgress?: (progress: RollupRebuildProgress) => void | Promise<void>
}

/**
 * Recomputes `ledger_rollup` and `ledger_buyer_day` from the ledger, a
 * batch of buyers per short transaction: `commission_ledger_rollup_rebuild`
 * (in the migration, beside the triggers, with their expressions) takes
 * the ledger in SHARE mode, so no write slips between its delete and its
 * insert, and reads go on; between batches, ledger writes too (the
 * triggers keep every buyer's rows, rebuilt or not). Buyers with rollup
 * rows and no entry left are rebuilt to nothing. Idempotent.
 */
export async function rebuildLedgerRollups(
  manager: SqlEntityManager,
  options: RebuildLedgerRollupsOptions = {}
): Promise<RollupRebuildProgress> {
  const size = Math.max(1, options.batch_size ?? 200)
  const buyers = (
    (await manager.execute(
      `SELECT buyer_id FROM commission_entry
       UNION SELECT buyer_id FROM ledger_rollup
       UNION SELECT buyer_id FROM ledger_buyer_day
       ORDER BY 1`
    )) as { buyer_id: string }[]
  ).map((r) => r.buyer_id)
  const progress = { done: 0, total: buyers.length }
  await options.onProgress?.({ ...progress })
  for (let i = 0; i < buyers.length; i += size) {
    const batch = buyers.slice(i, i + size)
    await manager.transactional(async (em) => {
      await em.execute(
        `SELECT commission_ledger_rollup_rebuild(ARRAY[?]::text[])`,
        [batch]
      )
    })
    progress.done += batch.length
    await options.onProgress?.({ ...progress })
  }
  // `ledger_hour` and `ledger_group_day` follow `ledger_rollup` by their own triggers; summed again
  // from it here, in case it was changed by hand (SHARE: no ledger write
  // adds to it meanwhile; reads go on).
  await manager.transactional(async (em) => {
    await em.execute(`LOCK TABLE ledger_rollup IN SHARE MODE`)
    await em.execute(hourBackfillSql(LEDGER_HOUR))
    await em.execute(hourBackfillSql(LEDGER_GROUP_DAY))
  })
  return progress
}
