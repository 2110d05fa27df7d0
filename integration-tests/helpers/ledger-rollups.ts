/**
 * How far the ledger's rollups are from the ledger summed from scratch:
 * the rows of `ledger_rollup` and `ledger_buyer_day` (with a live entry)
 * that the same sums over `commission_entry` do not give, and the sums'
 * rows missing from them. Zero when the triggers (or a rebuild) kept them
 * exact. Independent of the triggers' SQL: buckets from the epoch, sums
 * with FILTER, numeric equality (2.50 = 2.5).
 */
export async function ledgerRollupMismatches(
  sql: (text: string, bindings?: unknown[]) => Promise<unknown>
): Promise<{ fine: number; daily: number }> {
  // The deltas still pending first, as every read does (docs/reports.md).
  await sql(`SELECT commission_ledger_fold()`)
  const sums = `coalesce(sum(base_amount) FILTER (WHERE type = 'accrual'), 0),
    coalesce(sum(amount) FILTER (WHERE type = 'accrual'), 0),
    coalesce(sum(amount) FILTER (WHERE type = 'reversal'), 0),
    coalesce(sum(amount) FILTER (WHERE type = 'adjustment'), 0),
    coalesce(sum(amount) FILTER (WHERE status = 'pending'), 0),
    coalesce(sum(amount) FILTER (WHERE status = 'on_hold'), 0),
    coalesce(sum(amount) FILTER (WHERE status = 'approved'), 0),
    coalesce(sum(amount) FILTER (WHERE status = 'paid'), 0),
    count(*)`
  const cols = `sales, accrued, reversed, adjusted, pending, on_hold, approved, paid, entries`
  const live = `FROM commission_entry WHERE status <> 'void' AND deleted_at IS NULL`
  const diff = async (want: string, got: string) => {
    const rows = (await sql(
      `WITH want AS (${want}), got AS (${got})
       SELECT count(*)::int AS n FROM (
         (SELECT * FROM want EXCEPT ALL SELECT * FROM got)
         UNION ALL
         (SELECT * FROM got EXCEPT ALL SELECT * FROM want)) x`
    )) as { n: number }[]
    return rows[0].n
  }
  return {
    fine: await diff(
      `SELECT to_timestamp(floor(extract(epoch FROM created_at) / 900) * 900),
         buyer_id, coalesce(note_id, ''), coalesce(product_id, ''), currency_code, ${sums}
       ${live} GROUP BY 1, 2, 3, 4, 5`,
      `SELECT bucket, buyer_id, note_id, product_id, currency_code, ${cols}
       FROM ledger_rollup WHERE entries <> 0`
    ),
    daily: await diff(
      `SELECT (created_at AT TIME ZONE 'UTC')::date::timestamp AT TIME ZONE 'UTC',
         buyer_id, currency_code, ${sums}
       ${live} GROUP BY 1, 2, 3`,
      `SELECT day, buyer_id, currency_code, ${cols}
       FROM ledger_buyer_day WHERE entries <> 0`
    ),
  }
}
