import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COMMISSION_MODULE } from "../../../modules/commission"
import type CommissionModuleService from "../../../modules/commission/service"
import { previousValues, touchedFields } from "../../utils/previous-values"

export type UpdateCommissionRuleData = { id: string } & Record<string, unknown>

export const updateCommissionRulesStepId = "update-commission-rules"

/**
 * Updates commission rules. Ledger entries keep the rate they were accrued
 * with, so an update never changes what was earned. Compensation writes
 * back the previous values.
 *
 * @example
 * updateCommissionRulesStep([{ id: "crule_1", rate: "15", updated_by: "user_1" }])
 */
export const updateCommissionRulesStep = createStep(
  updateCommissionRulesStepId,
  async (input: UpdateCommissionRuleData[], { container }) => {
    const service =
      container.resolve<CommissionModuleService>(COMMISSION_MODULE)
    const fields = touchedFields(input)
    const current = await service.listCommissionRules(
      { id: input.map((u) => u.id) },
      { select: fields as string[] }
    )
    const updated = await service.updateCommissionRules(input as never)
    return new StepResponse(updated, previousValues(fields, current))
  },
  async (previous, { container }) => {
    if (!previous?.length) {
      return
    }
    await container
      .resolve<CommissionModuleService>(COMMISSION_MODULE)
      .updateCommissionRules(previous as never)
  }
)
