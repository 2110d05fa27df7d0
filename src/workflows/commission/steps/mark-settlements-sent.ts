import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COMMISSION_MODULE } from "../../../modules/commission"
import type CommissionModuleService from "../../../modules/commission/service"
import type { SettlementView } from "../../../modules/commission/types"
import { mapPool } from "../../../utils/map-pool"
import { SettlementOutcome, settleTrouble } from "../utils/pay-settlement"

export const markSettlementsSentStepId = "mark-settlements-sent"

/**
 * Marks a batch's settlements `processing` (one more attempt), in one
 * transaction, before anything is asked of the provider: from here on a
 * settlement is only ever healed from the provider's answer, never failed
 * blindly. Answers the ones still payable. If the mark itself fails, the
 * batch's settlements are failed with the error (entries payable again)
 * and nothing is sent.
 *
 * No compensation: a settlement marked sent may have reached the
 * provider; the next run asks the provider and records its answer.
 *
 * @example
 * const { sent, troubled } = markSettlementsSentStep(claim.settlements)
 */
export const markSettlementsSentStep = createStep(
  markSettlementsSentStepId,
  async (settlements: SettlementView[], { container }) => {
    const service =
      container.resolve<CommissionModuleService>(COMMISSION_MODULE)
    let sent: SettlementView[] = []
    let troubled: SettlementOutcome[] = []
    try {
      sent = await service.beginSettlementAttempts(settlements.map((s) => s.id))
    } catch (error) {
      troubled = await mapPool(settlements, 1, (s) =>
        settleTrouble(service, s, error)
      )
    }
    return new StepResponse({ sent, troubled })
  }
)
