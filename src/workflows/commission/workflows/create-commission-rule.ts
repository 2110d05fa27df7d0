import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { createCommissionRuleStep } from "../steps/create-commission-rule"
import {
  RuleReferences,
  validateRuleReferencesStep,
} from "../steps/validate-rule-references"

export type CreateCommissionRuleInput = RuleReferences & {
  scope: string
  type: "percentage" | "flat"
  rate?: string | null
  amount?: string | null
  tier?: string | null
  starts_at?: Date | null
  ends_at?: Date | null
  cap_amount?: string | null
  is_active?: boolean
  created_by?: string | null
}

export const createCommissionRuleWorkflowId = "create-commission-rule"

/**
 * Creates a commission rule after checking that everything it names exists.
 *
 * @example
 * await createCommissionRuleWorkflow(container).run({
 *   input: { scope: "product", type: "percentage", rate: "12.5", product_id: "prod_1" },
 * })
 */
export const createCommissionRuleWorkflow = createWorkflow(
  createCommissionRuleWorkflowId,
  (input: CreateCommissionRuleInput) => {
    validateRuleReferencesStep(input)
    const rule = createCommissionRuleStep(
      transform({ input }, ({ input }) => ({
        ...input,
        currency_code: input.currency_code?.toLowerCase() ?? null,
        cap_currency_code: input.cap_currency_code?.toLowerCase() ?? null,
      }))
    )
    return new WorkflowResponse(rule)
  }
)
