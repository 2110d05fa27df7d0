/**
 * The click rollups' counters (the `click_rollup` table, its `click_hour`
 * sums): clicks counted, and clicks dropped by reason. One list for the
 * reads and the hourly trigger builder; keep the order (migrations build
 * their SQL from it).
 */
export const CLICK_COUNTS = [
  "counted",
  "dropped_head",
  "dropped_bot",
  "dropped_duplicate",
  "dropped_burst",
  "dropped_not_earning",
] as const

export type ClickCountColumn = (typeof CLICK_COUNTS)[number]
