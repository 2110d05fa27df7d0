import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"

/**
 * Folds the pending clicks into the click rollups (`attribution_click_fold()`,
 * ./fold-sql.ts) and returns how many. Outside a transaction the call is
 * its own (the fold's lock is released at once); inside one, the fold
 * commits with it. Nothing pending: one cheap statement, no lock.
 */
export async function foldClickRollups(
  manager: SqlEntityManager
): Promise<number> {
  const [row] = (await manager.execute(
    `SELECT attribution_click_fold() AS folded`
  )) as { folded: string | number }[]
  return Number(row?.folded ?? 0)
}
