import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COMMISSION_MODULE } from "../../../modules/commission"
import type CommissionModuleService from "../../../modules/commission/service"

export const softDeleteCommissionRulesStepId = "soft-delete-commission-rules"

/**
 * Soft-deletes rules (entries keep their snapshot). Compensation restores them.
 *
 * @example
 * softDeleteCommissionRulesStep({ ids: ["crule_1"] })
 */
export const softDeleteCommissionRulesStep = createStep(
  softDeleteCommissionRulesStepId,
  async (input: { ids: string[] }, { container }) => {
    await container
      .resolve<CommissionModuleService>(COMMISSION_MODULE)
      .softDeleteCommissionRules(input.ids)
    return new StepResponse(input.ids, input.ids)
  },
  async (ids, { container }) => {
    if (!ids?.length) {
      return
    }
    await container
      .resolve<CommissionModuleService>(COMMISSION_MODULE)
      .restoreCommissionRules(ids)
  }
)
