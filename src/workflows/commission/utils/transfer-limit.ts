import { createLimiter } from "../../../utils/map-pool"

type Limit = ReturnType<typeof createLimiter>

/**
 * The transfer limit a settlement run shares across its batches in flight,
 * by run id: at most `settlement_concurrency` transfers at once for the
 * whole run, not per batch. Held in this process, where the run's batch
 * workflows execute (a workflow run from a step runs in the caller).
 */
const limits = new Map<string, Limit>()

/** Opens the run's shared limit; `close` it when the run's batches are done. */
export function openTransferLimit(runId: string, concurrency: number) {
  limits.set(runId, createLimiter(concurrency))
  return { close: () => limits.delete(runId) }
}

/** The run's shared limit, or a limit of its own for a batch run alone. */
export function transferLimitFor(runId: string, concurrency: number): Limit {
  return limits.get(runId) ?? createLimiter(concurrency)
}
