import { emitEventStep } from "@medusajs/medusa/core-flows"
import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { markSettlementFailedStep } from "../steps/mark-settlement-failed"

export const markSettlementFailedWorkflowId = "mark-settlement-failed"

/**
 * An admin records that a manual payment failed; its entries are payable
 * again (the next run settles them anew). Emits `settlement.failed`.
 *
 * @example
 * await markSettlementFailedWorkflow(container).run({
 *   input: { settlement_id: "stl_1", reason: "IBAN closed" },
 * })
 */
export const markSettlementFailedWorkflow = createWorkflow(
  markSettlementFailedWorkflowId,
  (input: { settlement_id: string; reason: string }) => {
    const outcome = markSettlementFailedStep(input)
    emitEventStep({
      eventName: "settlement.failed",
      data: transform({ outcome }, ({ outcome }) => [outcome]),
    })
    return new WorkflowResponse(outcome)
  }
)
