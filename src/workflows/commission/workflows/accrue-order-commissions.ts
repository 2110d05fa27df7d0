import { emitEventStep } from "@medusajs/medusa/core-flows"
import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { accrueCommissionsStep } from "../steps/accrue-commissions"
import { getOrderAccrualLinesStep } from "../steps/get-order-accrual-lines"
import { createdEntryEvents } from "../utils/ledger-events"
import { syncOrderCommissionsWorkflow } from "./sync-order-commissions"

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
    emitEventStep({
      eventName: "commission.accrued",
      data: transform({ accrued }, ({ accrued }) =>
        createdEntryEvents(accrued, "accrual")
      ),
    })
    // What already happened to the order (a fulfillment, return, refund or
    // cancel that came first) applies at once.
    const synced = syncOrderCommissionsWorkflow.runAsStep({
      input: transform({ input }, ({ input }) => ({
        order_id: input.order_id,
      })),
    })
    return new WorkflowResponse(
      transform({ accrued, synced }, ({ accrued, synced }) => ({
        accrued: accrued.created,
        synced,
      }))
    )
  }
)
