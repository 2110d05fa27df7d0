import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COMMISSION_MODULE } from "../../../modules/commission"
import type CommissionModuleService from "../../../modules/commission/service"
import type {
  ClaimSettlementInput,
  SettlementSkipInput,
} from "../../../modules/commission/types"
import { payoutSkipReason } from "../../../modules/commission/utils/eligibility"
import { thresholdFor } from "../../../modules/commission/utils/options"
import { buyerStatuses } from "../utils/pay-settlement"

/** Buyers and currencies claimed, sent and recorded together in a run. */
export const SETTLEMENT_BATCH = 100

export type PlanSettlementsStepInput = {
  run_id: string
  buyer_id?: string
  currency_code?: string
}

export type SettlementPlan = {
  /** Payable buyers and currencies, `SETTLEMENT_BATCH` to a batch. */
  batches: ClaimSettlementInput[][]
  /** Balances not paid now, with the reason (`payoutSkipReason`). */
  skips: SettlementSkipInput[]
}

export const planSettlementsStepId = "plan-settlements"

/**
 * Decides, per buyer and currency in scope, whether the payable balance
 * (summed in SQL, entries never loaded) is paid now or skipped and why,
 * with the one eligibility rule a retry applies too (`payoutSkipReason`),
 * and cuts the payable ones into batches. Reads only.
 *
 * @example
 * const plan = planSettlementsStep({ run_id: "strun_1", currency_code: "eur" })
 */
export const planSettlementsStep = createStep(
  planSettlementsStepId,
  async (input: PlanSettlementsStepInput, { container }) => {
    const service =
      container.resolve<CommissionModuleService>(COMMISSION_MODULE)
    const options = service.getOptions()
    const provider = service.getPayoutProvider()
    const candidates = await service.listSettlementCandidates({
      buyer_id: input.buyer_id,
      currency_code: input.currency_code,
    })
    const statuses = await buyerStatuses(container, [
      ...new Set(candidates.map((c) => c.buyer_id)),
    ])
    const skips: SettlementSkipInput[] = []
    const payable: ClaimSettlementInput[] = []
    for (const c of candidates) {
      const threshold = thresholdFor(options, c.currency_code)
      const reason = payoutSkipReason({
        ...c,
        buyer_status: statuses.get(c.buyer_id),
        threshold,
        needs_account: provider.needsAccount,
      })
      if (reason) {
        skips.push({
          buyer_id: c.buyer_id,
          currency_code: c.currency_code,
          reason,
          amount: reason === "on_hold" ? c.on_hold : c.payable,
        })
      } else {
        payable.push({
          buyer_id: c.buyer_id,
          currency_code: c.currency_code,
          account_id: c.account_id,
          threshold,
          run_id: input.run_id,
        })
      }
    }
    const batches: ClaimSettlementInput[][] = []
    for (let i = 0; i < payable.length; i += SETTLEMENT_BATCH) {
      batches.push(payable.slice(i, i + SETTLEMENT_BATCH))
    }
    return new StepResponse<SettlementPlan>({ batches, skips })
  }
)
