import { emitEventStep } from "@medusajs/medusa/core-flows"
import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { setOrderCommissionHoldStep } from "../steps/set-order-commission-hold"

export const setOrderCommissionHoldWorkflowId = "set-order-commission-hold"

/**
 * Puts an order's unsettled commission on hold (a dispute, a fraud check)
 * or releases it. Held entries are neither approved nor paid. Emits
 * `commission.held` or `commission.released` per entry.
 *
 * @example
 * await setOrderCommissionHoldWorkflow(container).run({ input: { order_id: "order_1", hold: true } })
 */
export const setOrderCommissionHoldWorkflow = createWorkflow(
  setOrderCommissionHoldWorkflowId,
  (input: { order_id: string; hold: boolean }) => {
    const changes = setOrderCommissionHoldStep(input)
    emitEventStep({
      eventName: transform({ input }, ({ input }) =>
        input.hold ? "commission.held" : "commission.released"
      ),
      data: transform({ changes }, ({ changes }) =>
        changes.status_changes.map((s) => ({ id: s.id, status: s.to }))
      ),
    })
    return new WorkflowResponse(
      transform({ changes }, ({ changes }) => ({
        changed: changes.status_changes.length,
      }))
    )
  }
)
