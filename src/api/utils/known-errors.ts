import type { MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"

/**
 * Runs a route's work and answers two errors itself, which Medusa's error
 * handler would not answer well (a plugin cannot replace the host's
 * handler):
 * - a CONFLICT as 409 with its own message (the handler replaces every
 *   conflict's message with a generic one about idempotency keys, which
 *   would hide why: "already paid", "a run is in progress");
 * - the payout provider not answering (`PayoutProviderUnavailable`, matched
 *   by name: workflows may hand errors back as copies) as 502;
 * - a customer past the comment rate limit (`CommentRateLimited`, by name;
 *   the copies keep its own properties) as 429 with `Retry-After`, in
 *   seconds: Medusa's handler has no 429.
 */
export async function withKnownErrors<T>(
  res: MedusaResponse<T>,
  work: () => Promise<unknown>
): Promise<void> {
  try {
    await work()
  } catch (error) {
    const e = error as {
      type?: string
      name?: string
      message?: string
      retry_after_seconds?: number
    }
    if (e?.type === MedusaError.Types.CONFLICT) {
      ;(res as MedusaResponse)
        .status(409)
        .json({ type: "conflict", message: e.message })
      return
    }
    if (e?.name === "PayoutProviderUnavailable") {
      ;(res as MedusaResponse)
        .status(502)
        .json({ type: "provider_unavailable", message: e.message })
      return
    }
    if (e?.name === "CommentRateLimited") {
      const retry = Math.max(1, Math.ceil(Number(e.retry_after_seconds) || 1))
      ;(res as MedusaResponse)
        .status(429)
        .set("Retry-After", String(retry))
        .json({
          type: "too_many_requests",
          message: e.message,
          retry_after_seconds: retry,
        })
      return
    }
    throw error
  }
}
