import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { SETTLEMENT_LOCK_KEY, type Locking } from "../utils/settlement-lock"

export const acquireSettlementLockStepId = "acquire-settlement-lock"

/**
 * Takes the settlement lock (Medusa's locking module: Redis when
 * configured) for `ttl_seconds`, or fails at once with a 409 if another
 * run holds it. Released by `releaseSettlementLockStep`, by compensation,
 * or when the TTL ends (a crashed process).
 *
 * @example
 * acquireSettlementLockStep({ owner_id: "strun_1", ttl_seconds: 1800 })
 */
export const acquireSettlementLockStep = createStep(
  acquireSettlementLockStepId,
  async (input: { owner_id: string; ttl_seconds: number }, { container }) => {
    const locking = container.resolve<Locking>(Modules.LOCKING)
    try {
      await locking.acquire(SETTLEMENT_LOCK_KEY, {
        ownerId: input.owner_id,
        expire: input.ttl_seconds,
      })
    } catch (error) {
      // A held lock; anything else (Redis down, …) is not a conflict.
      if (!/Failed to acquire lock/.test((error as Error)?.message ?? "")) {
        throw error
      }
      throw new MedusaError(
        MedusaError.Types.CONFLICT,
        "A settlement run is in progress; try again when it has finished"
      )
    }
    return new StepResponse(true, input.owner_id)
  },
  async (ownerId, { container }) => {
    if (ownerId) {
      await container
        .resolve<Locking>(Modules.LOCKING)
        .release(SETTLEMENT_LOCK_KEY, { ownerId })
    }
  }
)
