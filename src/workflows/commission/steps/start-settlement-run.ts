import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COMMISSION_MODULE } from "../../../modules/commission"
import type CommissionModuleService from "../../../modules/commission/service"

export type SettleCommissionsInput = {
  buyer_id?: string
  currency_code?: string
  trigger?: "schedule" | "admin"
  actor_id?: string | null
}

export const startSettlementRunStepId = "start-settlement-run"

/**
 * Records a settlement run as `running` (compensation: `failed`).
 *
 * @example
 * const run = startSettlementRunStep({ trigger: "admin", actor_id: "user_1" })
 */
export const startSettlementRunStep = createStep(
  startSettlementRunStepId,
  async (input: SettleCommissionsInput, { container }) => {
    const service =
      container.resolve<CommissionModuleService>(COMMISSION_MODULE)
    const run = await service.createSettlementRuns({
      trigger: input.trigger ?? "admin",
      actor_id: input.actor_id ?? null,
      buyer_id: input.buyer_id ?? null,
      currency_code: input.currency_code?.toLowerCase() ?? null,
      status: "running",
      started_at: new Date(),
    })
    return new StepResponse({ id: run.id }, run.id)
  },
  async (runId, { container }) => {
    if (!runId) {
      return
    }
    await container
      .resolve<CommissionModuleService>(COMMISSION_MODULE)
      .updateSettlementRuns({
        id: runId,
        status: "failed",
        finished_at: new Date(),
        error: "The run was rolled back",
      })
  }
)
