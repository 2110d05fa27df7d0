import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COMMISSION_MODULE } from "../../../modules/commission"
import type CommissionModuleService from "../../../modules/commission/service"
import { mapPool } from "../../../utils/map-pool"
import { sendSettlement, settleTrouble } from "../utils/pay-settlement"

export type HealSettlementsStepInput = {
  buyer_id?: string
  currency_code?: string
}

export const healSettlementsStepId = "heal-settlements"

/**
 * Finishes what earlier runs left half-done: each `pending` or
 * `processing` settlement in scope is looked up at the provider by its
 * transfer group and recorded as the provider answers, or sent again under
 * the same idempotency key (`sendSettlement`), at most
 * `settlement_concurrency` at once. A manual settlement in `processing`
 * waits for an admin and is left alone.
 *
 * No compensation: healing only records where money already went (paid),
 * or releases entries nothing was sent for (failed); undoing either would
 * make the ledger disagree with the provider.
 *
 * @example
 * const healed = healSettlementsStep({ currency_code: "eur" })
 */
export const healSettlementsStep = createStep(
  healSettlementsStepId,
  async (input: HealSettlementsStepInput, { container }) => {
    const service =
      container.resolve<CommissionModuleService>(COMMISSION_MODULE)
    const manual = service.getPayoutProvider().id === "manual"
    const unfinished = (
      await service.listUnfinishedSettlements({
        buyer_id: input.buyer_id,
        currency_code: input.currency_code,
      })
    ).filter((s) => !manual || s.status === "pending")
    const healed = await mapPool(
      unfinished,
      service.getOptions().settlement_concurrency,
      (s) =>
        sendSettlement(service, s).catch((e) => settleTrouble(service, s, e))
    )
    return new StepResponse(healed)
  }
)
