import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

/** One settlement run or retry at a time, across every server and worker. */
export const SETTLEMENT_LOCK_KEY = "notes:settlements"

export type Locking = {
  acquire(
    keys: string | string[],
    args?: { ownerId?: string | null; expire?: number }
  ): Promise<void>
  release(
    keys: string | string[],
    args?: { ownerId?: string | null }
  ): Promise<boolean>
}

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

/**
 * Extends the settlement lock held by `owner_id` for another `ttl_seconds`
 * (acquiring again as its owner refreshes the expiry). Throws if the lock
 * was lost: the run must stop taking new work.
 */
export async function extendSettlementLock(
  container: { resolve<T>(key: string): T },
  lock: { owner_id: string; ttl_seconds: number }
) {
  try {
    await container
      .resolve<Locking>(Modules.LOCKING)
      .acquire(SETTLEMENT_LOCK_KEY, {
        ownerId: lock.owner_id,
        expire: lock.ttl_seconds,
      })
  } catch (error) {
    throw new MedusaError(
      MedusaError.Types.CONFLICT,
      `The settlement lock was lost; the run stops here: ${(error as Error)?.message}`
    )
  }
}
