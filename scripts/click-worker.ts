/**
 * A standalone click-queue worker: `npx medusa exec ./scripts/click-worker.ts`.
 * Medusa's worker processes start the worker with the application; this
 * script runs one alone (the queue kill test uses it). It prints
 * `CLICK WORKER READY` and runs until SIGTERM or SIGINT.
 * Env: NOTES_CLICK_STALLED_MS, NOTES_CLICK_LOCK_MS (defaults 30 s).
 */
import type { ExecArgs } from "@medusajs/framework/types"
import { ATTRIBUTION_MODULE } from "../src/modules/attribution"
import type AttributionModuleService from "../src/modules/attribution/service"

export default async function clickWorker({ container }: ExecArgs) {
  const service =
    container.resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
  if (service.clickSink() !== "bullmq") {
    console.log("CLICK WORKER: no Redis queue configured (set REDIS_URL)")
    return
  }
  service.startClickWorker({
    stalledIntervalMs: Number(process.env.NOTES_CLICK_STALLED_MS ?? 30_000),
    lockDurationMs: Number(process.env.NOTES_CLICK_LOCK_MS ?? 30_000),
  })
  console.log("CLICK WORKER READY")
  await new Promise<void>((resolve) => {
    process.once("SIGTERM", () => resolve())
    process.once("SIGINT", () => resolve())
  })
  await service.__hooks.onApplicationShutdown()
}
