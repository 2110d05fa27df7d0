import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"

/**
 * Folds the pending ledger deltas into the rollups
 * (`commission_ledger_fold()`, ./ledger-fold-sql.ts) and returns how many.
 * Nothing pending: one cheap statement, no lock.
 */
export async function foldLedgerRollups(
  manager: SqlEntityManager
): Promise<number> {
  const [row] = (await manager.execute(
    `SELECT commission_ledger_fold() AS folded`
  )) as { folded: string | number }[]
  return Number(row?.folded ?? 0)
}
