import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { updateCommissionRulesStep } from "../steps/update-commission-rules"

export type UpdateCommissionRuleInput = {
  id: string
  rate?: string | null
  amount?: string | null
  starts_at?: Date | null
  ends_at?: Date | null
  cap_amount?: string | null
  is_active?: boolean
  updated_by?: string | null
}

export const updateCommissionRuleWorkflowId = "update-commission-rule"

/**
 * Changes a rule's rate, amount, dates, cap or active flag (its scope and
 * targets are fixed: make a new rule for another scope). Entries already
 * accrued keep their snapshot.
 *
 * @example
 * await updateCommissionRuleWorkflow(container).run({ input: { id: "crule_1", is_active: false } })
 */
export const updateCommissionRuleWorkflow = createWorkflow(
  updateCommissionRuleWorkflowId,
  (input: UpdateCommissionRuleInput) => {
    updateCommissionRulesStep(transform({ input }, ({ input }) => [input]))
    return new WorkflowResponse(
      transform({ input }, ({ input }) => ({ id: input.id }))
    )
  }
)
