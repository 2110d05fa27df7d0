import type { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

/**
 * Settlement benchmark data, set-based SQL only: BENCH_BUYERS approved buyers
 * (`buyer_bench_<n>`, added if missing), one enabled Stripe payout account each
 * (`acct_bench_<n>`, as the bench's fake Stripe registers them) and
 * BENCH_ENTRIES approved, unsettled EUR entries spread evenly over the
 * buyers (entry i → buyer i mod N), 0.01–9.99 EUR each. The ledger and
 * settlement tables are truncated first (paid entries cannot be updated back:
 * the ledger's guard trigger forbids it), then VACUUM ANALYZE.
 */
export default async function seedSettleBench({ container }: ExecArgs) {
  const buyers = Number(process.env.BENCH_BUYERS ?? 10_000)
  const entries = Number(process.env.BENCH_ENTRIES ?? 1_000_000)
  const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const log = (m: string) => process.stderr.write(`[bench] seed: ${m}\n`)

  await pg.raw(
    `TRUNCATE commission_entry, settlement, settlement_run, settlement_skip,
       payout_account, payout_provider_event`
  )
  await pg.raw(
    `INSERT INTO buyer (id, customer_id, handle, display_name, status, tier, approved_at)
     SELECT 'buyer_bench_' || n, 'cus_bench_' || n, 'bench-' || n, 'Bench buyer ' || n,
            'approved', 'default', now()
       FROM generate_series(0, ?::int - 1) n
      WHERE NOT EXISTS (SELECT 1 FROM buyer b WHERE b.id = 'buyer_bench_' || n)`,
    [buyers]
  )
  await pg.raw(
    `UPDATE buyer SET status = 'approved', deleted_at = NULL
      WHERE id LIKE 'buyer_bench_%' AND (status <> 'approved' OR deleted_at IS NOT NULL)`
  )
  await pg.raw(
    `INSERT INTO payout_account (id, buyer_id, provider, account_id, payouts_enabled, details_submitted)
     SELECT 'payacc_bench_' || n, 'buyer_bench_' || n, 'stripe', 'acct_bench_' || n, true, true
       FROM generate_series(0, ?::int - 1) n`,
    [buyers]
  )
  log(`${buyers} buyers and payout accounts`)

  // Amount of entry i in cents: 1 … 999, spread by a multiplier prime to 999.
  const CHUNK = 250_000
  for (let from = 0; from < entries; from += CHUNK) {
    const to = Math.min(entries, from + CHUNK)
    await pg.raw(
      `INSERT INTO commission_entry (id, source_key, type, status, buyer_id, currency_code,
         amount, raw_amount, reason, available_at, approved_at)
       SELECT 'centry_bench_' || i, 'bench:settle:' || i, 'adjustment', 'approved',
              'buyer_bench_' || (i % ?::int), 'eur', a,
              jsonb_build_object('value', a::text, 'precision', 20),
              'settlement benchmark', now() - interval '1 day',
              now() - interval '1 hour' + (i % 3600) * interval '1 second'
         FROM generate_series(?::int, ?::int - 1) i,
              LATERAL (SELECT trim_scale(((i::bigint * 7919) % 999 + 1) / 100.0) AS a) x`,
      [buyers, from, to]
    )
    log(`${to}/${entries} entries`)
  }
  await pg.raw("VACUUM ANALYZE commission_entry")
  await pg.raw("VACUUM ANALYZE payout_account")
  await pg.raw("VACUUM ANALYZE buyer")
  await pg.raw("VACUUM ANALYZE settlement")
  log("vacuumed and analyzed")
}
