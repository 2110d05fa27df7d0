import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COMMISSION_MODULE } from "../../../modules/commission"
import type CommissionModuleService from "../../../modules/commission/service"
import type {
  ClaimSettlementInput,
  SettlementSkipInput,
} from "../../../modules/commission/types"
import { mapPool } from "../../../utils/map-pool"
import type { SettlementOutcome } from "../utils/pay-settlement"
import { extendSettlementLock } from "../utils/settlement-lock"
import { openTransferLimit } from "../utils/transfer-limit"
import { paySettlementBatchWorkflow } from "../workflows/pay-settlement-batch"
import { failUnsentSettlements } from "./claim-settlement-batch"

/** Batches worked on at once: one's transfers overlap the other's writes. */
const BATCHES_IN_FLIGHT = 2

export type PaySettlementBatchesStepInput = {
  run_id: string
  batches: ClaimSettlementInput[][]
  /** The run's settlement lock, extended before each batch. */
  lock?: { owner_id: string; ttl_seconds: number }
}

export const paySettlementBatchesStepId = "pay-settlement-batches"

/**
 * Runs `paySettlementBatchWorkflow` for each batch of the plan, two at
 * once, extending the settlement lock before each (a lost lock stops the
 * run), with at most `settlement_concurrency` transfers in flight across
 * both. Answers every settlement created and the skips found at claim
 * time.
 *
 * A failed batch compensates itself. Compensation, and an error here, also
 * fail every settlement of this run's other batches that was claimed but
 * never sent, so its entries are payable again; a sent one stays for the
 * next run to heal.
 *
 * @example
 * const paid = paySettlementBatchesStep({ run_id, batches: plan.batches, lock })
 */
export const paySettlementBatchesStep = createStep(
  paySettlementBatchesStepId,
  async (input: PaySettlementBatchesStepInput, { container }) => {
    const service =
      container.resolve<CommissionModuleService>(COMMISSION_MODULE)
    const created: SettlementOutcome[] = []
    const skips: SettlementSkipInput[] = []
    const limit = openTransferLimit(
      input.run_id,
      service.getOptions().settlement_concurrency
    )
    try {
      await mapPool(input.batches, BATCHES_IN_FLIGHT, async (groups) => {
        if (input.lock) {
          await extendSettlementLock(container, input.lock)
        }
        const { result } = await paySettlementBatchWorkflow(container).run({
          input: { run_id: input.run_id, groups },
        })
        created.push(...result.created)
        skips.push(...result.skips)
      })
    } catch (error) {
      await failUnsentSettlements(
        service,
        created.map((s) => s.id)
      )
      throw error
    } finally {
      limit.close()
    }
    return new StepResponse(
      { created, skips },
      created.map((s) => s.id)
    )
  },
  async (ids, { container }) => {
    await failUnsentSettlements(
      container.resolve<CommissionModuleService>(COMMISSION_MODULE),
      ids ?? []
    )
  }
)
