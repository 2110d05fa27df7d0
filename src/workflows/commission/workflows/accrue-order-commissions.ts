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
import { emitSyncEvents } from "../utils/emit-sync-events"
import { createdEntryEvents } from "../utils/ledger-events"

export const accrueOrderCommissionsWorkflowId = "accrue-order-commissions"

/**
 * Turns an order's attributed lines into pending accruals (one per line, at
 * the rule valid when the order was placed, snapshotted), then applies what
 * already happened to the order (a fulfillment, return, refund or cancel
 * that came first). Reads the order once for both. Idempotent. Emits
 * `commission.accrued` per accrual and `commission.reversed` /
 * `commission.voided` for what the order's state changed.
 *
 * @example
 * await accrueOrderCommissionsWorkflow(container).run({ input: { order_id: "order_123" } })
 */
export const accrueOrderCommissionsWorkflow = createWorkflow(
  accrueOrderCommissionsWorkflowId,
  (input: { order_id: string }) => {
    const read = getOrderLedgerFactsStep(
      transform({ input }, ({ input }) => ({ order_id: input.order_id }))
    )
    const lines = getOrderAccrualLinesStep(
      transform({ input, read }, ({ input, read }) => ({
        order_id: input.order_id,
        order: read,
      }))
    )
    const accrued = accrueCommissionsStep(
      transform({ lines }, ({ lines }) => ({ lines }))
    )
    emitEventStep({
      eventName: "commission.accrued",
      data: transform({ accrued }, ({ accrued }) =>
        createdEntryEvents(accrued, "accrual")
      ),
    }).config({ name: "emit-commission-accrued" })
    const synced = syncOrderLedgerStep(
      transform({ read }, ({ read }) => ({ facts: read?.facts ?? null }))
    )
    emitSyncEvents(synced)
    return new WorkflowResponse(
      transform({ accrued, synced }, ({ accrued, synced }) => ({
        accrued: accrued.created,
        synced,
      }))
    )
  }
)
