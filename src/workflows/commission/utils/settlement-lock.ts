import { MedusaError, Modules } from "@medusajs/framework/utils"

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
