import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COMMISSION_MODULE } from "../../../modules/commission"
import type CommissionModuleService from "../../../modules/commission/service"
import type { SettlementOutcome } from "../utils/pay-settlement"

export const markSettlementFailedStepId = "mark-settlement-failed"

/**
 * Records that a manual payment did not go through (a bounced bank
 * transfer): the settlement `failed` with the reason, its entries payable
 * again. Only a manual settlement not yet paid or failed (a Stripe
 * settlement fails only on Stripe's word). Compensation puts it back to
 * `processing` with its entries.
 *
 * @example
 * markSettlementFailedStep({ settlement_id: "stl_1", reason: "IBAN closed" })
 */
export const markSettlementFailedStep = createStep(
  markSettlementFailedStepId,
  async (input: { settlement_id: string; reason: string }, { container }) => {
    const service =
      container.resolve<CommissionModuleService>(COMMISSION_MODULE)
    const s = await service.retrieveSettlementView(input.settlement_id)
    if (!s) {
      throw new MedusaError(
        MedusaError.Types.NOT_FOUND,
        `Settlement ${input.settlement_id} was not found`
      )
    }
    if (s.provider !== "manual") {
      throw new MedusaError(
        MedusaError.Types.CONFLICT,
        `Settlement ${s.id} is paid through ${s.provider}: it fails only on the provider's answer`
      )
    }
    const released = await service.failSettlementReleasing({
      id: s.id,
      reason: input.reason,
    })
    if (!released) {
      throw new MedusaError(
        MedusaError.Types.CONFLICT,
        `Settlement ${s.id} is ${s.status}`
      )
    }
    const outcome: SettlementOutcome = {
      id: s.id,
      buyer_id: s.buyer_id,
      currency_code: s.currency_code,
      amount: s.amount,
      status: "failed",
      provider_reference: null,
      reason: input.reason,
    }
    return new StepResponse(outcome, { id: s.id, entry_ids: released })
  },
  async (undo, { container }) => {
    if (undo) {
      await container
        .resolve<CommissionModuleService>(COMMISSION_MODULE)
        .revertSettlementFailed(undo)
    }
  }
)
