import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COMMISSION_MODULE } from "../../../modules/commission"
import type CommissionModuleService from "../../../modules/commission/service"
import type { SettlementRunResult } from "../utils/pay-settlement"

export const finishSettlementRunStepId = "finish-settlement-run"

/**
 * Records what a run did (counts) and marks it `completed`
 * (compensation: `failed`).
 *
 * @example
 * finishSettlementRunStep({ run_id, result })
 */
export const finishSettlementRunStep = createStep(
  finishSettlementRunStepId,
  async (
    input: { run_id: string; result: SettlementRunResult },
    { container }
  ) => {
    const { created, healed, skips } = input.result
    const all = [...created, ...healed]
    const count = (status: string) =>
      all.filter((s) => s.status === status).length
    const service =
      container.resolve<CommissionModuleService>(COMMISSION_MODULE)
    const run = await service.updateSettlementRuns({
      id: input.run_id,
      status: "completed",
      finished_at: new Date(),
      settlements_created: created.length,
      settlements_paid: count("paid"),
      settlements_failed: count("failed"),
      settlements_processing: count("processing"),
      skipped: skips.length,
      healed: healed.length,
    })
    return new StepResponse(run, input.run_id)
  },
  async (runId, { container }) => {
    if (runId) {
      await container
        .resolve<CommissionModuleService>(COMMISSION_MODULE)
        .updateSettlementRuns({
          id: runId,
          status: "failed",
          error: "The run was rolled back after it finished",
        })
    }
  }
)
