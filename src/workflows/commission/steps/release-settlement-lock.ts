import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { SETTLEMENT_LOCK_KEY, type Locking } from "../utils/settlement-lock"

export const releaseSettlementLockStepId = "release-settlement-lock"

/** Releases the settlement lock taken by `acquireSettlementLockStep`. */
export const releaseSettlementLockStep = createStep(
  releaseSettlementLockStepId,
  async (input: { owner_id: string }, { container }) => {
    await container
      .resolve<Locking>(Modules.LOCKING)
      .release(SETTLEMENT_LOCK_KEY, { ownerId: input.owner_id })
    return new StepResponse(true)
  }
)
