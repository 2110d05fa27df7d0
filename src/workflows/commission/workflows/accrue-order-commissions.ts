import { emitEventStep } from "@medusajs/medusa/core-flows"
import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { accrueCommissionsStep } from "../steps/accrue-commissions"
import { getOrderAccrualLinesStep } from "../steps/get-order-accrual-lines"
import { getOrderLedgerFactsStep } from "../steps/get-order-ledger-facts"
import { syncOrderLedgerStep } from "../steps/sync-order-ledger"
import { createdEntryEvents, statusEvents } from "../utils/ledger-events"

export const accrueOrderCommissionsWorkflowId = "accrue-order-commissions"

/**
 * Turns an order's attributed lines into pending accruals (one per line, at
 * the rule valid when the order was placed, snapshotted), then applies what
 * already happened to the order (a fulfillment, return, refund or cancel
 * that came first). Idempotent. Emits `commission.accrued` per accrual and
 * `commission.reversed` / `commission.voided` for what the order's state
 * changed.
 *
 * @example
 * await accrueOrderCommissionsWorkflow(container).run({ input: { order_id: "order_123" } })
 */
export const accrueOrderCommissionsWorkflow = createWorkflow(
  accrueOrderCommissionsWorkflowId,
  (input: { order_id: string }) => {
    const lines = getOrderAccrualLinesStep(input)
    const accrued = accrueCommissionsStep(
      transform({ lines }, ({ lines }) => ({ lines }))
    )
    const facts = getOrderLedgerFactsStep(
      transform({ input }, ({ input }) => ({ order_id: input.order_id }))
    )
    const synced = syncOrderLedgerStep(
      transform({ facts }, ({ facts }) => ({ facts }))
    )
    emitEventStep({
      eventName: "commission.accrued",
      data: transform({ accrued }, ({ accrued }) =>
        createdEntryEvents(accrued, "accrual")
      ),
    }).config({ name: "emit-commission-accrued" })
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
    return new WorkflowResponse(
      transform({ accrued, synced }, ({ accrued, synced }) => ({
        accrued: accrued.created,
        synced,
      }))
    )
  }
)
