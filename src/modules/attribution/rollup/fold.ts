import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"

/**
 * Folds the pending clicks into the click rollups (`attribution_click_fold()`,
 * ./fold-sql.ts) and the pending attribution lines into the order rollups
 * (`attribution_order_fold()`, ./order-fold-sql.ts); returns how many of
 * each. Outside a transaction the call is its own (the folds' locks are
 * released at once); inside one, the folds commit with it. Nothing
 * pending: one cheap statement, no lock.
 */
export async function foldAttributionRollups(
  manager: SqlEntityManager
): Promise<{ clicks: number; lines: number }> {
  const [row] = (await manager.execute(
    `SELECT attribution_click_fold() AS clicks, attribution_order_fold() AS lines`
  )) as { clicks: string | number; lines: string | number }[]
  return { clicks: Number(row?.clicks ?? 0), lines: Number(row?.lines ?? 0) }
}

/**
 * `foldAttributionRollups`, answering the clicks folded: what every read of
 * the rollups calls first (the order rollups are read beside the clicks').
 */
export async function foldClickRollups(
  manager: SqlEntityManager
): Promise<number> {
  return (await foldAttributionRollups(manager)).clicks
}
