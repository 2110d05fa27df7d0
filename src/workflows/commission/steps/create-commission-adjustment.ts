import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COMMISSION_MODULE } from "../../../modules/commission"
import type CommissionModuleService from "../../../modules/commission/service"
import { revertLedger } from "../utils/revert-ledger"

export type CreateCommissionAdjustmentInput = {
  buyer_id: string
  currency_code: string
  amount: string
  reason: string
  actor_id: string | null
}

export const createCommissionAdjustmentStepId = "create-commission-adjustment"

/**
 * Writes a signed manual adjustment, payable at once. Compensation deletes it.
 *
 * @example
 * createCommissionAdjustmentStep({ buyer_id, currency_code: "eur", amount: "-5", reason: "chargeback", actor_id })
 */
export const createCommissionAdjustmentStep = createStep(
  createCommissionAdjustmentStepId,
  async (input: CreateCommissionAdjustmentInput, { container }) => {
    const changes = await container
      .resolve<CommissionModuleService>(COMMISSION_MODULE)
      .createAdjustment(input)
    return new StepResponse(changes, changes)
  },
  async (changes, { container }) => revertLedger(changes, container)
)
