import type { MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"

/**
 * Runs a route's work and answers a CONFLICT as 409 with its own message
 * (Medusa's error handler replaces every conflict's message with a generic
 * one about idempotency keys, which would hide why: "already paid", "a run
 * is in progress").
 */
export async function withConflicts(
  res: MedusaResponse,
  work: () => Promise<unknown>
): Promise<void> {
  try {
    await work()
  } catch (error) {
    const e = error as { type?: string; message?: string }
    if (e?.type === MedusaError.Types.CONFLICT) {
      res.status(409).json({ type: "conflict", message: e.message })
      return
    }
    throw error
  }
}
