import { z } from "@medusajs/framework/zod"

/** A share in [0, 1]: a fraction, not a percentage. */
const share = (fallback: number) => z.number().min(0).max(1).default(fallback)

/**
 * The reports' plugin options (read by the report layer through the
 * attribution module, which cuts the report buckets). The `signal_*`
 * options are the thresholds of the program report's review signals
 * (docs/reports.md, "Review signals"): a signal fires when the buyer's
 * value is above its threshold.
 */
export const ReportOptionsShape = {
  /**
   * The IANA time zone reports are cut in when a query gives no `tz`
   * (docs/reports.md). The database must know it too; a query naming it is
   * refused otherwise.
   */
  report_timezone: z
    .string()
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat("en-US", { timeZone: tz })
        return /^[A-Za-z]/.test(tz)
      } catch {
        return false
      }
    }, "must be an IANA time zone such as Europe/Berlin")
    .default("UTC"),
  /** `dropped_share`: dropped ÷ all clicks above this share. */
  signal_dropped_share: share(0.5),
  /**
   * Clicks a buyer needs in the range for `dropped_share` (all clicks),
   * `conversion_outlier` and `click_spike` (counted clicks).
   */
  signal_min_clicks: z.number().int().min(1).max(1_000_000).default(50),
  /** `conversion_outlier`: the z-score the buyer's conversion must exceed. */
  signal_conversion_z: z.number().min(0).max(100).default(3),
  /** `repeat_customer`: one customer's or address's share of the orders above this. */
  signal_repeat_share: share(0.5),
  /** Attributed orders a buyer needs in the range for `repeat_customer`. */
  signal_min_orders: z.number().int().min(1).max(1_000_000).default(5),
  /** `self_referral`: at least this many refused self-referral orders. */
  signal_self_referrals: z.number().int().min(1).max(1_000_000).default(1),
  /** `returns`: returned_share (−reversed ÷ accrued) above this share. */
  signal_returns_share: share(0.3),
  /**
   * Commission accrued in the range (major units of the currency, the
   * same number in every currency) a buyer needs for `returns`.
   */
  signal_min_accrued: z.number().min(0).max(1e12).default(10),
  /** `click_spike`: the busiest 15 minutes above this many times the mean per active 15 minutes. */
  signal_spike_factor: z.number().min(1).max(1_000_000).default(10),
}
