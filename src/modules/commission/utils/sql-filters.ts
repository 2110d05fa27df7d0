/**
 * The WHERE clause of a raw-SQL read from list filters: `deleted_at IS
 * NULL`, the fixed conditions given, each filter column present as
 * `col IN (?)` (a value or a list; currency codes lower-cased) and a
 * `created_at` range. `alias` prefixes the columns (`e.` for `e.buyer_id`).
 */
export function sqlFilters(
  filters: Record<string, unknown>,
  columns: readonly string[],
  options: { alias?: string; fixed?: string[] } = {}
): { where: string; bindings: unknown[] } {
  const a = options.alias ? `${options.alias}.` : ""
  const where = [`${a}deleted_at IS NULL`, ...(options.fixed ?? [])]
  const bindings: unknown[] = []
  for (const col of columns) {
    const v = filters[col]
    if (v !== undefined && v !== null && v !== "") {
      const values = [v].flat() as string[]
      where.push(`${a}${col} IN (?)`)
      bindings.push(
        col === "currency_code" ? values.map((c) => c.toLowerCase()) : values
      )
    }
  }
  const created = filters.created_at as { $gte?: Date; $lte?: Date } | undefined
  if (created?.$gte) {
    where.push(`${a}created_at >= ?`)
    bindings.push(created.$gte)
  }
  if (created?.$lte) {
    where.push(`${a}created_at <= ?`)
    bindings.push(created.$lte)
  }
  return { where: where.join(" AND "), bindings }
}
