import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COMMISSION_MODULE } from "../../../modules/commission"
import type CommissionModuleService from "../../../modules/commission/service"

export const createCommissionRuleStepId = "create-commission-rule"

/**
 * Creates a commission rule. Compensation deletes it.
 *
 * @example
 * createCommissionRuleStep({ scope: "default", type: "percentage", rate: "10" })
 */
export const createCommissionRuleStep = createStep(
  createCommissionRuleStepId,
  async (input: Record<string, unknown>, { container }) => {
    const service =
      container.resolve<CommissionModuleService>(COMMISSION_MODULE)
    const rule = await service.createCommissionRules(input as never)
    return new StepResponse(rule, rule.id)
  },
  async (id, { container }) => {
    if (!id) {
      return
    }
    await container
      .resolve<CommissionModuleService>(COMMISSION_MODULE)
      .deleteCommissionRules(id)
  }
)
