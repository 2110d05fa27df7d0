import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COMMISSION_MODULE } from "../../../modules/commission"
import type CommissionModuleService from "../../../modules/commission/service"
import type { ClaimSettlementInput } from "../../../modules/commission/types"

export const claimSettlementBatchStepId = "claim-settlement-batch"

/**
 * Claims, in one transaction, the approved and unsettled entries of each
 * buyer and currency of a batch into a `pending` settlement (no entry can
 * be in two settlements: the claim is one UPDATE that skips claimed rows).
 * A balance that moved below what the plan saw is a skip.
 *
 * Compensation fails every settlement of the claim that was never sent
 * (checked in the same statement), so its entries are payable again; a
 * sent one stays for the next run to heal.
 *
 * @example
 * const claim = claimSettlementBatchStep([{ buyer_id, currency_code: "eur", account_id, threshold: "50", run_id }])
 */
export const claimSettlementBatchStep = createStep(
  claimSettlementBatchStepId,
  async (groups: ClaimSettlementInput[], { container }) => {
    const claim = await container
      .resolve<CommissionModuleService>(COMMISSION_MODULE)
      .claimSettlementBatch(groups)
    return new StepResponse(
      claim,
      claim.settlements.map((s) => s.id)
    )
  },
  async (ids, { container }) => {
    await failUnsentSettlements(
      container.resolve<CommissionModuleService>(COMMISSION_MODULE),
      ids ?? []
    )
  }
)

/** Fails the settlements never sent, releasing their entries. */
export async function failUnsentSettlements(
  service: CommissionModuleService,
  ids: string[]
) {
  for (const id of ids) {
    await service.failSettlement({
      id,
      reason: "The settlement run stopped before it was sent",
      only_unsent: true,
    })
  }
}
