import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"

/*
 * The fold of the click rollups (migration Migration20261205150000): the
 * clicks' trigger appends to `click_rollup_pending`; deleting those rows
 * runs the rollup upserts (the pending table's AFTER DELETE trigger) in the
 * deleting transaction. One fold at a time (an advisory lock): a second
 * waits for the first and then folds what is left, so a read that folds
 * first sees every click committed before it.
 */

const FOLD_LOCK = `SELECT pg_advisory_xact_lock(hashtext('attribution_click_rollup_fold'))`

/**
 * Folds every pending click into the rollups; the number folded. With
 * `ifPending`, a cheap look first and nothing when none waits (a fold in
 * progress counts as waiting: its rows are visible until it commits).
 */
export async function foldClickRollups(
  manager: SqlEntityManager,
  { ifPending = false }: { ifPending?: boolean } = {}
): Promise<number> {
  if (ifPending) {
    const [row] = (await manager.execute(
      `SELECT EXISTS (SELECT 1 FROM click_rollup_pending) AS pending`
    )) as { pending: boolean }[]
    if (!row?.pending) {
      return 0
    }
  }
  return manager.fork().transactional(async (em) => foldInTransaction(em))
}

/** The fold, in the caller's transaction (the rebuild's, under its locks). */
export async function foldInTransaction(em: SqlEntityManager): Promise<number> {
  await em.execute(FOLD_LOCK)
  const [row] = (await em.execute(
    `WITH folded AS (DELETE FROM click_rollup_pending RETURNING 1)
     SELECT count(*)::int AS n FROM folded`
  )) as { n: number }[]
  return row?.n ?? 0
}
