import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COMMISSION_MODULE } from "../../../modules/commission"
import type CommissionModuleService from "../../../modules/commission/service"
import type { AccrualLineInput } from "../../../modules/commission/types"
import { revertLedger } from "../utils/revert-ledger"

export const accrueCommissionsStepId = "accrue-commissions"

/**
 * Writes the accruals of attributed lines that have none yet (idempotent;
 * see `CommissionModuleService.accrueLines`). Compensation deletes the
 * accruals it wrote.
 *
 * @example
 * accrueCommissionsStep({ lines })
 */
export const accrueCommissionsStep = createStep(
  accrueCommissionsStepId,
  async (input: { lines: AccrualLineInput[] }, { container }) => {
    const changes = await container
      .resolve<CommissionModuleService>(COMMISSION_MODULE)
      .accrueLines(input.lines)
    return new StepResponse(changes, changes)
  },
  async (changes, { container }) => revertLedger(changes, container)
)
