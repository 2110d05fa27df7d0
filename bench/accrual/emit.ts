import type { ExecArgs } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { writeFileSync } from "node:fs"

/**
 * Emits `order.placed` for the benchmark's orders through the configured
 * event bus (Redis: a running server's worker consumes them) and writes
 * each order's emit time (ms) to BENCH_EMIT_FILE.
 * BENCH_EMIT_MODE: `burst` (all at once, in batches of 1,000) or `paced`
 * (BENCH_EMIT_RATE orders per second). BENCH_EMIT_COUNT: how many.
 */
export default async function emitOrderPlaced({ container }: ExecArgs) {
  const mode = process.env.BENCH_EMIT_MODE ?? "burst"
  const count = Number(process.env.BENCH_EMIT_COUNT ?? 10_000)
  const rate = Number(process.env.BENCH_EMIT_RATE ?? 20)
  const bus = container.resolve(Modules.EVENT_BUS)
  const orders = (
    await container
      .resolve(Modules.ORDER)
      .listOrders(
        {},
        { select: ["id", "metadata"], take: null, order: { id: "ASC" } }
      )
  )
    .filter((o) => (o.metadata as { bench?: boolean } | null)?.bench)
    .slice(0, count)
  const sent: Record<string, number> = {}
  if (mode === "burst") {
    for (let i = 0; i < orders.length; i += 1000) {
      const batch = orders.slice(i, i + 1000)
      const t = Date.now()
      await bus.emit(
        batch.map((o) => ({ name: "order.placed", data: { id: o.id } }))
      )
      for (const o of batch) {
        sent[o.id] = t
      }
    }
  } else {
    const start = Date.now()
    for (let i = 0; i < orders.length; i++) {
      const due = start + (i * 1000) / rate
      const wait = due - Date.now()
      if (wait > 0) {
        await new Promise((r) => setTimeout(r, wait))
      }
      sent[orders[i].id] = Date.now()
      await bus.emit([{ name: "order.placed", data: { id: orders[i].id } }])
    }
  }
  writeFileSync(
    process.env.BENCH_EMIT_FILE ?? "/tmp/accrual-emit.json",
    JSON.stringify(sent)
  )
}
