import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COMMISSION_MODULE } from "../../../modules/commission"
import type CommissionModuleService from "../../../modules/commission/service"
import { markManualSettlement, outcomeOf } from "../utils/pay-settlement"

export const markSettlementPaidStepId = "mark-settlement-paid"

/**
 * Records a manual settlement paid by an admin, with the payment's
 * reference (bank transfer id, …); its entries become `paid`. Only a
 * settlement of the manual provider, not yet paid or failed.
 * Compensation puts it back to `processing`.
 *
 * @example
 * markSettlementPaidStep({ settlement_id: "stl_1", reference: "SEPA-123", actor_id: "user_1" })
 */
export const markSettlementPaidStep = createStep(
  markSettlementPaidStepId,
  async (
    input: {
      settlement_id: string
      reference: string
      actor_id: string | null
    },
    { container }
  ) => {
    const service =
      container.resolve<CommissionModuleService>(COMMISSION_MODULE)
    const { settlement: s } = await markManualSettlement(
      service,
      input.settlement_id,
      "pays",
      (s) =>
        service.completeSettlement({
          id: s.id,
          reference: input.reference,
          actor_id: input.actor_id,
        })
    )
    const outcome = outcomeOf(s, "paid", input.reference, null)
    return new StepResponse(outcome, s.id)
  },
  async (id, { container }) => {
    if (id) {
      await container
        .resolve<CommissionModuleService>(COMMISSION_MODULE)
        .revertSettlementPaid(id)
    }
  }
)
