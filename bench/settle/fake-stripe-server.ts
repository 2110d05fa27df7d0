/**
 * The settlement benchmark's Stripe: the tests' fake (integration-tests/helpers/fake-stripe.ts)
 * in its own process, with accounts `acct_bench_0` … `acct_bench_{N-1}` registered (payouts
 * enabled) to match the seeded `payout_account` rows.
 * Run with `node -r ts-node/register/transpile-only`, as a child with an IPC channel.
 * Env: BENCH_STRIPE_PORT (12190), BENCH_LATENCY_MS (20), BENCH_BUYERS (10000).
 * IPC: sends `{ type: "ready", url }` once listening; answers `{ type: "stats" }` with
 * `{ type: "stats", settlement, floor, requests }`: transfers made for settlements
 * (`transfer_group` = a settlement id, `stl_…`) and for the Stripe floor (`bench_floor_…`),
 * each as count, sum of amounts (minor units) and distinct destinations.
 */
import {
  FakeTransfer,
  startFakeStripe,
} from "../../integration-tests/helpers/fake-stripe"

const port = Number(process.env.BENCH_STRIPE_PORT ?? 12190)
const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 20)
const buyers = Number(process.env.BENCH_BUYERS ?? 10_000)

type Group = { count: number; sum: number; destinations: number }

function summarise(transfers: FakeTransfer[]): Group {
  return {
    count: transfers.length,
    sum: transfers.reduce((s, t) => s + t.amount, 0),
    destinations: new Set(transfers.map((t) => t.destination)).size,
  }
}

async function main() {
  const fake = await startFakeStripe({
    port,
    latencyMs,
    webhookSecret: "whsec_bench",
  })
  for (let i = 0; i < buyers; i++) {
    fake.addAccount(`acct_bench_${i}`)
  }
  const send = (message: object) => process.send?.(message)
  process.on("message", (message: { type?: string }) => {
    if (message?.type !== "stats") {
      return
    }
    const transfers = fake.transfers()
    send({
      type: "stats",
      settlement: summarise(
        transfers.filter((t) => t.transfer_group?.startsWith("stl_"))
      ),
      floor: summarise(
        transfers.filter((t) => t.transfer_group?.startsWith("bench_floor_"))
      ),
      other: transfers.filter(
        (t) =>
          !t.transfer_group?.startsWith("stl_") &&
          !t.transfer_group?.startsWith("bench_floor_")
      ).length,
      requests: fake.requests().length,
    })
  })
  const stop = async () => {
    await fake.close()
    process.exit(0)
  }
  process.on("SIGTERM", stop)
  process.on("disconnect", stop)
  send({ type: "ready", url: fake.url })
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
