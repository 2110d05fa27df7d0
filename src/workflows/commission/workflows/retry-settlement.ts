import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { retrySettlementStep } from "../steps/retry-settlement"
import { acquireSettlementLockStep } from "../steps/acquire-settlement-lock"
import { releaseSettlementLockStep } from "../steps/release-settlement-lock"
import { emitSettlementEvents } from "../utils/settlement-events"

export const retrySettlementWorkflowId = "retry-settlement"

/**
 * Retries one settlement under the settlement lock (see
 * `retrySettlementStep`). Emits `settlement.paid` or `settlement.failed`.
 *
 * @example
 * await retrySettlementWorkflow(container).run({
 *   input: { settlement_id: "stl_1", lock_ttl_seconds: 1800 },
 * })
 */
export const retrySettlementWorkflow = createWorkflow(
  retrySettlementWorkflowId,
  (input: { settlement_id: string; lock_ttl_seconds: number }) => {
    const owner = transform({}, () => `retry:${crypto.randomUUID()}`)
    acquireSettlementLockStep({
      owner_id: owner,
      ttl_seconds: input.lock_ttl_seconds,
    })
    const outcome = retrySettlementStep({ settlement_id: input.settlement_id })
    releaseSettlementLockStep({ owner_id: owner })
    emitSettlementEvents(
      transform({ outcome }, ({ outcome }) => ({ other: [outcome] })),
      { created: false }
    )
    return new WorkflowResponse(outcome)
  }
)
