import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COMMISSION_MODULE } from "../../../modules/commission"
import type CommissionModuleService from "../../../modules/commission/service"
import type { SettlementView } from "../../../modules/commission/types"
import { transfer } from "../utils/pay-settlement"
import { transferLimitFor } from "../utils/transfer-limit"

export const transferSettlementsStepId = "transfer-settlements"

/**
 * Asks the payout provider to pay each settlement marked sent, with the
 * idempotency key derived from the settlement and its generation (a
 * repeated request can never pay twice) and the settlement id as the
 * transfer group (so a lost answer is found again). At most
 * `settlement_concurrency` transfers at once across the run's batches.
 * Never throws: a failed call is an `unknown` answer, healed next run.
 *
 * No compensation: money that went out is not called back; the ledger
 * records it (next step) or the next run finds it by its group.
 *
 * @example
 * const answers = transferSettlementsStep({ run_id, sent })
 */
export const transferSettlementsStep = createStep(
  transferSettlementsStepId,
  async (
    input: { run_id: string | null; sent: SettlementView[] },
    { container }
  ) => {
    const service =
      container.resolve<CommissionModuleService>(COMMISSION_MODULE)
    const limit = transferLimitFor(
      input.run_id ?? "",
      service.getOptions().settlement_concurrency
    )
    const answers = await Promise.all(
      input.sent.map((s) => limit(() => transfer(service, s)))
    )
    return new StepResponse(answers)
  }
)
