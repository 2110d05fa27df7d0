import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { getOrderLedgerFactsStep } from "../steps/get-order-ledger-facts"
import { syncOrderLedgerStep } from "../steps/sync-order-ledger"
import { emitSyncEvents } from "../utils/emit-sync-events"

export const syncOrderCommissionsWorkflowId = "sync-order-commissions"

/**
 * Makes an order's commission entries follow the order: a canceled order
 * voids what was not approved and reverses the rest; received returns and
 * refunds reverse pro rata per line; a fully fulfilled line starts its
 * hold. Reads the order's current state, so it is idempotent and order of
 * events does not matter. Emits `commission.reversed` and `commission.voided`.
 *
 * @example
 * await syncOrderCommissionsWorkflow(container).run({ input: { order_id: "order_123" } })
 * await syncOrderCommissionsWorkflow(container).run({ input: { payment_id: "pay_123" } })
 */
export const syncOrderCommissionsWorkflow = createWorkflow(
  syncOrderCommissionsWorkflowId,
  (input: { order_id?: string; payment_id?: string }) => {
    const read = getOrderLedgerFactsStep(input)
    const synced = syncOrderLedgerStep(
      transform({ read }, ({ read }) => ({ facts: read?.facts ?? null }))
    )
    emitSyncEvents(synced)
    return new WorkflowResponse(synced)
  }
)
