import { emitEventStep } from "@medusajs/medusa/core-flows"
import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { markSettlementPaidStep } from "../steps/mark-settlement-paid"

export const markSettlementPaidWorkflowId = "mark-settlement-paid"

/**
 * An admin records a manual settlement as paid. Emits `settlement.paid`.
 *
 * @example
 * await markSettlementPaidWorkflow(container).run({
 *   input: { settlement_id: "stl_1", reference: "SEPA-123", actor_id: "user_1" },
 * })
 */
export const markSettlementPaidWorkflow = createWorkflow(
  markSettlementPaidWorkflowId,
  (input: {
    settlement_id: string
    reference: string
    actor_id: string | null
  }) => {
    const outcome = markSettlementPaidStep(input)
    emitEventStep({
      eventName: "settlement.paid",
      data: transform({ outcome }, ({ outcome }) => [outcome]),
    })
    return new WorkflowResponse(outcome)
  }
)
