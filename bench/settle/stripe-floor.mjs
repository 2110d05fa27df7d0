// The settlement benchmark's Stripe floor: an ideal payout loop with no
// database. BENCH_BUYERS transfers (one per benchmark account, 1.00 EUR,
// an idempotency key each) through the real `stripe` SDK, configured as the
// plugin configures it, against the same fake, BENCH_FLOOR_CONCURRENCY at a
// time. Prints its figures as one JSON line on stdout.
// Env: BENCH_BUYERS, BENCH_FLOOR_CONCURRENCY, STRIPE_API_KEY, STRIPE_HOST,
//      STRIPE_PORT, STRIPE_PROTOCOL, STRIPE_TIMEOUT_MS, STRIPE_MAX_NETWORK_RETRIES.
import Stripe from "stripe"

const N = Number(process.env.BENCH_BUYERS ?? 10_000)
const CONCURRENCY = Number(process.env.BENCH_FLOOR_CONCURRENCY ?? 8)
const stripe = new Stripe(process.env.STRIPE_API_KEY, {
  host: process.env.STRIPE_HOST,
  port: Number(process.env.STRIPE_PORT),
  protocol: process.env.STRIPE_PROTOCOL,
  timeout: Number(process.env.STRIPE_TIMEOUT_MS ?? 20_000),
  maxNetworkRetries: Number(process.env.STRIPE_MAX_NETWORK_RETRIES ?? 2),
  appInfo: { name: "medusa-plugin-shoppable-notes-bench" },
})
const run = Date.now().toString(36)

const baselineRss = process.memoryUsage().rss
let peakRss = baselineRss
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss)
}, 100)
let next = 0
let failed = 0
const t0 = performance.now()
await Promise.all(
  Array.from({ length: Math.min(CONCURRENCY, N) }, async () => {
    while (next < N) {
      const i = next++
      try {
        await stripe.transfers.create(
          {
            amount: 100,
            currency: "eur",
            destination: `acct_bench_${i}`,
            transfer_group: `bench_floor_${run}_${i}`,
            description: `Stripe floor ${i}`,
            metadata: { bench: "floor" },
          },
          { idempotencyKey: `bench-floor:${run}:${i}` }
        )
      } catch (e) {
        failed++
        if (failed === 1) {
          console.error(`[bench] stripe floor: ${e?.message ?? e}`)
        }
      }
    }
  })
)
const wallMs = performance.now() - t0
clearInterval(sampler)
console.log(
  JSON.stringify({
    transfers: N,
    failed,
    wall_ms: wallMs,
    baseline_rss: baselineRss,
    peak_rss: peakRss,
  })
)
