import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COMMISSION_MODULE } from "../../../modules/commission"
import type { TransferOutcome } from "../../../modules/commission/providers"
import type CommissionModuleService from "../../../modules/commission/service"
import type { SettlementView } from "../../../modules/commission/types"
import { mapPool } from "../../../utils/map-pool"
import {
  recordOutcome,
  SettlementOutcome,
  unrecordedPayment,
} from "../utils/pay-settlement"

export type RecordSettlementOutcomesStepInput = {
  sent: SettlementView[]
  /** The provider's answer for each of `sent`, in order. */
  answers: TransferOutcome[]
}

export const recordSettlementOutcomesStepId = "record-settlement-outcomes"

/**
 * Records what the provider answered for a batch: the payments in one
 * transaction (settlements and their entries `paid`), then each other
 * answer (declined → `failed`, entries payable again; unknown → kept
 * `processing` with the message). A payment the database could not take
 * stays `processing`, and the next run finds the transfer by its group;
 * one paid meanwhile by someone else is flagged as needing attention.
 *
 * No compensation: it records what the provider did.
 *
 * @example
 * const outcomes = recordSettlementOutcomesStep({ sent, answers })
 */
export const recordSettlementOutcomesStep = createStep(
  recordSettlementOutcomesStepId,
  async (input: RecordSettlementOutcomesStepInput, { container }) => {
    const service =
      container.resolve<CommissionModuleService>(COMMISSION_MODULE)
    const { sent, answers } = input
    const payments = sent.flatMap((s, i) => {
      const a = answers[i]
      return a.status === "paid" ? [{ id: s.id, reference: a.reference }] : []
    })
    let recorded: Set<string> | null = null
    try {
      recorded = new Set(await service.completeSettlements(payments))
    } catch {
      recorded = null
    }
    const outcomes: SettlementOutcome[] = await mapPool(sent, 1, (s, i) => {
      const a = answers[i]
      if (a.status === "paid" && recorded && !recorded.has(s.id)) {
        return unrecordedPayment(service, s, a.reference)
      }
      if (a.status === "paid" && !recorded) {
        // Paid at the provider, not yet in the database: the next run finds
        // the transfer by its group and records it.
        return recordOutcome(service, s, {
          status: "unknown",
          message: `Paid as ${a.reference}; recording failed, healed next run`,
        })
      }
      return recordOutcome(service, s, a)
    })
    return new StepResponse(outcomes)
  }
)
