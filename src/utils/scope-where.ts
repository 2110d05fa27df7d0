/**
 * The `WHERE` of a rollup read narrowed to a buyer and/or a note (both
 * tables key them as `buyer_id` and `note_id`): `""` without either.
 */
export function scopeWhere(filters: { buyer_id?: string; note_id?: string }): {
  cond: string
  bindings: string[]
} {
  const where: string[] = []
  const bindings: string[] = []
  if (filters.buyer_id != null) {
    where.push("buyer_id = ?")
    bindings.push(filters.buyer_id)
  }
  if (filters.note_id != null) {
    where.push("note_id = ?")
    bindings.push(filters.note_id)
  }
  return { cond: where.length ? `WHERE ${where.join(" AND ")}` : "", bindings }
}
