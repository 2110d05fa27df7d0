import type { Settlement } from "../earnings/api"

export type Attention = "failed" | "awaiting_payment" | "stuck" | null

const DAY = 24 * 60 * 60 * 1000

/**
 * Whether a settlement needs the merchant: it failed; a manual payout is
 * waiting to be paid and marked; or a provider payout has been in flight
 * for more than a day.
 */
export function attentionOf(s: Settlement, now = Date.now()): Attention {
  if (s.status === "failed") {
    return "failed"
  }
  if (s.status === "processing" && s.provider === "manual") {
    return "awaiting_payment"
  }
  if (
    (s.status === "processing" || s.status === "pending") &&
    now - new Date(s.updated_at).getTime() > DAY
  ) {
    return "stuck"
  }
  return null
}
