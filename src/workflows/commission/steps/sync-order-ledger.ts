import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COMMISSION_MODULE } from "../../../modules/commission"
import type CommissionModuleService from "../../../modules/commission/service"
import { emptyChanges } from "../../../modules/commission/types"
import type { OrderLedgerFacts } from "../../../modules/commission/utils/plan-order"
import { revertLedger } from "../utils/revert-ledger"

export const syncOrderLedgerStepId = "sync-order-ledger"

/**
 * Brings an order's ledger in line with the order (voids, reversals, the
 * hold's start); nothing when the facts are unknown. Compensation undoes
 * exactly what it wrote.
 *
 * @example
 * syncOrderLedgerStep({ facts })
 */
export const syncOrderLedgerStep = createStep(
  syncOrderLedgerStepId,
  async (input: { facts: OrderLedgerFacts | null }, { container }) => {
    if (!input.facts) {
      return new StepResponse(emptyChanges(), emptyChanges())
    }
    const changes = await container
      .resolve<CommissionModuleService>(COMMISSION_MODULE)
      .syncOrderLedger(input.facts)
    return new StepResponse(changes, changes)
  },
  async (changes, { container }) => revertLedger(changes, container)
)
