import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COMMISSION_MODULE } from "../../../modules/commission"
import type CommissionModuleService from "../../../modules/commission/service"
import { revertLedger } from "../utils/revert-ledger"

export const setOrderCommissionHoldStepId = "set-order-commission-hold"

/**
 * Holds or releases an order's unsettled entries. Compensation restores
 * their statuses.
 *
 * @example
 * setOrderCommissionHoldStep({ order_id: "order_1", hold: true })
 */
export const setOrderCommissionHoldStep = createStep(
  setOrderCommissionHoldStepId,
  async (input: { order_id: string; hold: boolean }, { container }) => {
    const changes = await container
      .resolve<CommissionModuleService>(COMMISSION_MODULE)
      .setOrderHold(input)
    return new StepResponse(changes, changes)
  },
  async (changes, { container }) => revertLedger(changes, container)
)
