import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COMMISSION_MODULE } from "../../../modules/commission"
import type CommissionModuleService from "../../../modules/commission/service"
import type { SkipReason } from "../../../modules/commission/types"
import {
  payoutSkipReason,
  SKIP_REASON_TEXT,
} from "../../../modules/commission/utils/eligibility"
import { thresholdFor } from "../../../modules/commission/utils/options"
import {
  buyerStatuses,
  getSettlementOrThrow,
  sendSettlement,
  SettlementOutcome,
} from "../utils/pay-settlement"

export const retrySettlementStepId = "retry-settlement"

/**
 * Pays a settlement again.
 * - `pending` or `processing` (outcome unknown): asks the provider whether
 *   the transfer exists, and re-sends with the same idempotency key;
 * - `failed` (declined, entries released): claims the buyer's payable
 *   entries in its currency again, under the next idempotency key, and
 *   sends it (the buyer must still be approved and able to receive);
 * - `paid`: refused (409), as is a manual settlement awaiting its admin.
 *
 * An error inside the step, or compensation, fails the settlement if it was
 * claimed again and never sent.
 *
 * @example
 * const outcome = retrySettlementStep({ settlement_id: "stl_1" })
 */
export const retrySettlementStep = createStep(
  retrySettlementStepId,
  async (input: { settlement_id: string }, { container }) => {
    const service =
      container.resolve<CommissionModuleService>(COMMISSION_MODULE)
    const provider = service.getPayoutProvider()
    const s = await getSettlementOrThrow(service, input.settlement_id)
    if (s.status === "paid") {
      throw new MedusaError(
        MedusaError.Types.CONFLICT,
        `Settlement ${s.id} is already paid`
      )
    }
    if (s.provider !== provider.id) {
      throw new MedusaError(
        MedusaError.Types.CONFLICT,
        `Settlement ${s.id} was made for the ${s.provider} provider; the store now pays through ${provider.id}`
      )
    }
    if (s.status !== "failed") {
      if (provider.id === "manual" && s.status === "processing") {
        throw new MedusaError(
          MedusaError.Types.CONFLICT,
          `Settlement ${s.id} awaits a manual payment: mark it paid`
        )
      }
      return new StepResponse(await sendSettlement(service, s), null)
    }
    // The run's own rule (eligibility.ts) on the buyer's balance now, the
    // released entries included; then the claim, which may still find
    // less (entries held or claimed meanwhile).
    const refuse = (reason: SkipReason, amount: string) =>
      new MedusaError(
        MedusaError.Types.CONFLICT,
        `Settlement ${s.id} cannot be retried: ${SKIP_REASON_TEXT[reason]} (${amount} ${s.currency_code.toUpperCase()})`
      )
    const [candidate] = await service.listSettlementCandidates({
      buyer_id: s.buyer_id,
      currency_code: s.currency_code,
    })
    const threshold = thresholdFor(service.getOptions(), s.currency_code)
    const status = (await buyerStatuses(container, [s.buyer_id])).get(
      s.buyer_id
    )
    const reason = candidate
      ? payoutSkipReason({
          ...candidate,
          buyer_status: status,
          threshold,
          needs_account: provider.needsAccount,
        })
      : "negative_balance"
    if (reason) {
      throw refuse(reason, candidate?.payable ?? "0")
    }
    const claim = await service.claimSettlement({
      settlement_id: s.id,
      buyer_id: s.buyer_id,
      currency_code: s.currency_code,
      account_id: candidate.account_id,
      threshold,
      run_id: s.run_id,
    })
    if (claim.skip) {
      throw refuse(claim.skip.reason, claim.skip.amount)
    }
    let outcome: SettlementOutcome
    try {
      outcome = await sendSettlement(service, claim.settlement)
    } catch (error) {
      await failIfUnsent(service, s.id)
      throw error
    }
    return new StepResponse(outcome, s.id)
  },
  async (reclaimedId, { container }) => {
    if (reclaimedId) {
      await failIfUnsent(
        container.resolve<CommissionModuleService>(COMMISSION_MODULE),
        reclaimedId
      )
    }
  }
)

async function failIfUnsent(service: CommissionModuleService, id: string) {
  await service.failSettlement({
    id,
    reason: "The retry stopped before it was sent",
    only_unsent: true,
  })
}
