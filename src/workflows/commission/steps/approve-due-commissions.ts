import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COMMISSION_MODULE } from "../../../modules/commission"
import type CommissionModuleService from "../../../modules/commission/service"
import { revertLedger } from "../utils/revert-ledger"

export const approveDueCommissionsStepId = "approve-due-commissions"

/**
 * Approves one batch of pending entries whose hold has ended. Compensation
 * puts them back to pending.
 *
 * @example
 * approveDueCommissionsStep({ limit: 1000 })
 */
export const approveDueCommissionsStep = createStep(
  approveDueCommissionsStepId,
  async (input: { now?: Date; limit?: number }, { container }) => {
    const changes = await container
      .resolve<CommissionModuleService>(COMMISSION_MODULE)
      .approveDueEntries(
        input.now ? new Date(input.now) : new Date(),
        input.limit
      )
    return new StepResponse(changes, changes)
  },
  async (changes, { container }) => revertLedger(changes, container)
)
