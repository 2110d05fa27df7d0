import type { ExecArgs } from "@medusajs/framework/types"
import { readFileSync, writeFileSync } from "node:fs"
import { performance } from "node:perf_hooks"
import { COMMISSION_MODULE } from "../../src/modules/commission"
import type CommissionModuleService from "../../src/modules/commission/service"
import { settleCommissionsWorkflow } from "../../src/workflows"

/**
 * The timed part of the settlement benchmark: one `settleCommissionsWorkflow`
 * run (trigger admin), in a booted app. Records RSS after boot (baseline),
 * samples RSS every 100 ms during the run (peak), this process's CPU time
 * and the machine's busy CPU share (/proc/stat), the event loop's
 * utilisation, and the time spent in each ledger call and payout (the
 * module's service and provider methods wrapped with a timer, behaviour
 * unchanged), and writes the figures as JSON to BENCH_SETTLE_OUT.
 */
export default async function settleBench({ container }: ExecArgs) {
  const out = process.env.BENCH_SETTLE_OUT
  if (!out) {
    throw new Error("BENCH_SETTLE_OUT is not set")
  }
  const trace = traceCalls(
    container.resolve<CommissionModuleService>(COMMISSION_MODULE)
  )
  const gc = (globalThis as { gc?: () => void }).gc
  const gcEvery = Number(process.env.BENCH_GC_SAMPLE_MS ?? 0)
  if (gc && gcEvery) {
    gc()
  }
  const baselineRss = process.memoryUsage().rss
  const baselineHeap = process.memoryUsage().heapUsed
  let peakRss = baselineRss
  let peakHeap = process.memoryUsage().heapUsed
  const sampler = setInterval(() => {
    const m = process.memoryUsage()
    peakRss = Math.max(peakRss, m.rss)
    peakHeap = Math.max(peakHeap, m.heapUsed)
  }, 100)
  // Diagnosis only (NODE_OPTIONS=--expose-gc BENCH_GC_SAMPLE_MS=2000): a
  // full GC every so often tells the live heap from garbage not yet collected.
  let peakLiveHeap: number | null = null
  const gcSampler =
    gc && gcEvery
      ? setInterval(() => {
          gc()
          peakLiveHeap = Math.max(
            peakLiveHeap ?? 0,
            process.memoryUsage().heapUsed
          )
        }, gcEvery)
      : null

  const cpu0 = process.cpuUsage()
  const machine0 = machineCpu()
  const elu0 = performance.eventLoopUtilization()
  const startEpochMs = Date.now()
  const t0 = performance.now()
  let error: string | null = null
  let summary: Record<string, unknown> = {}
  try {
    const { result } = await settleCommissionsWorkflow(container).run({
      input: { trigger: "admin", lock_ttl_seconds: 1800 },
    })
    const byStatus: Record<string, number> = {}
    for (const s of result.settlements) {
      byStatus[s.status] = (byStatus[s.status] ?? 0) + 1
    }
    summary = {
      run_id: result.run.id,
      settlements: result.settlements.length,
      by_status: byStatus,
      skipped: result.skipped.length,
      first_failure:
        result.settlements.find((s) => s.status !== "paid")?.reason ?? null,
    }
  } catch (e) {
    error = String((e as Error)?.stack ?? e)
  }
  const wallMs = performance.now() - t0
  const endEpochMs = Date.now()
  const cpu = process.cpuUsage(cpu0)
  const machine1 = machineCpu()
  const elu = performance.eventLoopUtilization(elu0).utilization
  clearInterval(sampler)
  if (gcSampler) {
    clearInterval(gcSampler)
  }
  peakRss = Math.max(peakRss, process.memoryUsage().rss)

  writeFileSync(
    out,
    JSON.stringify({
      wall_ms: wallMs,
      start_epoch_ms: startEpochMs,
      end_epoch_ms: endEpochMs,
      baseline_rss: baselineRss,
      baseline_heap: baselineHeap,
      peak_rss: peakRss,
      peak_heap: peakHeap,
      peak_live_heap: peakLiveHeap,
      cpu_ms: (cpu.user + cpu.system) / 1000,
      machine_busy:
        machine0 && machine1
          ? (machine1.busy - machine0.busy) / (machine1.total - machine0.total)
          : null,
      event_loop_utilization: elu,
      trace,
      error,
      ...summary,
    })
  )
  if (error) {
    throw new Error(error)
  }
}

type Trace = Record<string, { calls: number; ms: number; max_ms: number }>

/**
 * Wraps the ledger calls a run makes, and the provider's transfer, with a
 * timer (on this instance only; arguments and results pass through).
 */
function traceCalls(service: CommissionModuleService): Trace {
  const trace: Trace = {}
  const wrap = (target: object, name: string, label = name) => {
    const t = target as Record<string, (...args: unknown[]) => Promise<unknown>>
    const original = t[name]
    const stat = (trace[label] = { calls: 0, ms: 0, max_ms: 0 })
    t[name] = async function (this: unknown, ...args: unknown[]) {
      const start = performance.now()
      try {
        return await original.apply(this, args)
      } finally {
        const took = performance.now() - start
        stat.calls++
        stat.ms += took
        stat.max_ms = Math.max(stat.max_ms, took)
      }
    }
  }
  for (const name of [
    "listUnfinishedSettlements",
    "listSettlementCandidates",
    "claimSettlementBatch",
    "beginSettlementAttempts",
    "completeSettlements",
    "failSettlement",
    "noteSettlementProblem",
    "recordSettlementSkips",
  ]) {
    wrap(service, name)
  }
  wrap(service.getPayoutProvider(), "transfer", "provider.transfer")
  return trace
}

/** Busy and total jiffies over all cores, or null off Linux. */
function machineCpu(): { busy: number; total: number } | null {
  try {
    const [cpu] = readFileSync("/proc/stat", "utf8").split("\n")
    const v = cpu.trim().split(/\s+/).slice(1).map(Number)
    const total = v.reduce((a, b) => a + b, 0)
    const idle = v[3] + (v[4] ?? 0)
    return { busy: total - idle, total }
  } catch {
    return null
  }
}
