import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { softDeleteCommissionRulesStep } from "../steps/soft-delete-commission-rules"

export const deleteCommissionRuleWorkflowId = "delete-commission-rule"

/**
 * Deletes a rule (soft: entries that used it keep their snapshot and its id).
 *
 * @example
 * await deleteCommissionRuleWorkflow(container).run({ input: { id: "crule_1" } })
 */
export const deleteCommissionRuleWorkflow = createWorkflow(
  deleteCommissionRuleWorkflowId,
  (input: { id: string }) => {
    softDeleteCommissionRulesStep(
      transform({ input }, ({ input }) => ({ ids: [input.id] }))
    )
    return new WorkflowResponse(
      transform({ input }, ({ input }) => ({ id: input.id, deleted: true }))
    )
  }
)
