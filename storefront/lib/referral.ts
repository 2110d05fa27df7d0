import type { ReferralOptions } from "@shoppable-notes/client"

/**
 * How long a buy link's click is kept: the plugin's
 * `attribution_window_days` (30 unless the store changed it). The cookie
 * expires when the click can no longer win an order.
 */
export const referralOptions: ReferralOptions = {
  windowDays: Number(process.env.NOTES_ATTRIBUTION_WINDOW_DAYS) || 30,
}
