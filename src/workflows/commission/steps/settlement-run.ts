import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COMMISSION_MODULE } from "../../../modules/commission"
import type CommissionModuleService from "../../../modules/commission/service"
import { runSettlements, SettlementRunResult } from "../utils/pay-settlement"

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
