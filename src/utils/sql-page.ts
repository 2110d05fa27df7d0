import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"

/**
 * One page of a list read in SQL, and the list's total: `count(*)` over
 * `from`, then `select` over the same `from` in `order`, `LIMIT`/`OFFSET`
 * bound last. `from` holds the `FROM … WHERE …` with its `?` parameters in
 * `params`.
 */
export async function sqlPage<Row>(
  manager: SqlEntityManager,
  query: { select: string; from: string; order: string; params: unknown[] },
  page: { limit: number; offset: number }
): Promise<{ rows: Row[]; count: number }> {
  const [counted] = (await manager.execute(
    `SELECT count(*) AS n ${query.from}`,
    query.params
  )) as { n: string }[]
  const rows = (await manager.execute(
    `SELECT ${query.select} ${query.from} ORDER BY ${query.order} LIMIT ? OFFSET ?`,
    [...query.params, page.limit, page.offset]
  )) as Row[]
  return { rows, count: Number(counted.n) }
}
