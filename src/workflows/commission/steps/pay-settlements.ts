import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COMMISSION_MODULE } from "../../../modules/commission"
import type CommissionModuleService from "../../../modules/commission/service"
import { runSettlements, SettlementRunResult } from "../utils/pay-settlement"

export const paySettlementsStepId = "pay-settlements"

/**
 * The run's work (see `runSettlements`): heal, plan, claim, pay, and record
 * skips. Compensation, and an error inside the step, fail every settlement
 * of this run that was claimed but never sent, so its entries are payable
 * again; a sent one stays for the next run to heal.
 *
 * @example
 * const result = paySettlementsStep({ run_id, buyer_id, currency_code })
 */
export const paySettlementsStep = createStep(
  paySettlementsStepId,
  async (
    input: {
      run_id: string
      buyer_id?: string
      currency_code?: string
      lock?: { owner_id: string; ttl_seconds: number }
    },
    { container }
  ) => {
    const service =
      container.resolve<CommissionModuleService>(COMMISSION_MODULE)
    const created: string[] = []
    let result: SettlementRunResult
    try {
      result = await runSettlements(container, input, (id) => created.push(id))
      await service.recordSettlementSkips(input.run_id, result.skips)
    } catch (error) {
      await failUnsent(service, created)
      throw error
    }
    return new StepResponse(result, created)
  },
  async (created, { container }) => {
    await failUnsent(
      container.resolve<CommissionModuleService>(COMMISSION_MODULE),
      created ?? []
    )
  }
)

async function failUnsent(service: CommissionModuleService, ids: string[]) {
  for (const id of ids) {
    await service.failSettlement({
      id,
      reason: "The settlement run stopped before it was sent",
      only_unsent: true,
    })
  }
}
