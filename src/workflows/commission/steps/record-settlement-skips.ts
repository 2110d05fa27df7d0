import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COMMISSION_MODULE } from "../../../modules/commission"
import type CommissionModuleService from "../../../modules/commission/service"
import type { SettlementSkipInput } from "../../../modules/commission/types"

export const recordSettlementSkipsStepId = "record-settlement-skips"

/**
 * Records why the run passed over buyers (the plan's skips and the
 * balances that moved before the claim), so the admin and the buyer see
 * the reason. Compensation deletes the run's skips.
 *
 * @example
 * recordSettlementSkipsStep({ run_id: "strun_1", skips })
 */
export const recordSettlementSkipsStep = createStep(
  recordSettlementSkipsStepId,
  async (
    input: { run_id: string; skips: SettlementSkipInput[] },
    { container }
  ) => {
    await container
      .resolve<CommissionModuleService>(COMMISSION_MODULE)
      .recordSettlementSkips(input.run_id, input.skips)
    return new StepResponse(undefined, input.run_id)
  },
  async (runId, { container }) => {
    if (runId) {
      await container
        .resolve<CommissionModuleService>(COMMISSION_MODULE)
        .deleteSettlementSkips({ run_id: runId })
    }
  }
)
