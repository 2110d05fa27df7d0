import { emitEventStep } from "@medusajs/medusa/core-flows"
import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { getOrderLedgerFactsStep } from "../steps/get-order-ledger-facts"
import { syncOrderLedgerStep } from "../steps/sync-order-ledger"
import { createdEntryEvents, statusEvents } from "../utils/ledger-events"

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
    const facts = getOrderLedgerFactsStep(input)
    const synced = syncOrderLedgerStep(
      transform({ facts }, ({ facts }) => ({ facts }))
    )
    emitEventStep({
      eventName: "commission.reversed",
      data: transform({ synced }, ({ synced }) =>
        createdEntryEvents(synced, "reversal")
      ),
    }).config({ name: "emit-commission-reversed" })
    emitEventStep({
      eventName: "commission.voided",
      data: transform({ synced }, ({ synced }) => statusEvents(synced, "void")),
    }).config({ name: "emit-commission-voided" })
    return new WorkflowResponse(synced)
  }
)
