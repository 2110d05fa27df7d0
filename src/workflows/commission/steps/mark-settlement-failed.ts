import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COMMISSION_MODULE } from "../../../modules/commission"
import type CommissionModuleService from "../../../modules/commission/service"
import { markManualSettlement, outcomeOf } from "../utils/pay-settlement"

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
    const { settlement: s, written: released } = await markManualSettlement(
      service,
      input.settlement_id,
      "fails",
      (s) => service.failSettlementReleasing({ id: s.id, reason: input.reason })
    )
    const outcome = outcomeOf(s, "failed", null, input.reason)
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
