/** Milliseconds of a UTC day. */
const DAY_MS = 24 * 3600 * 1000

export type RangePart = {
  /**
   * `bucket`: read the 15-minute rows; `day`: the per-buyer UTC day rows;
   * `month`: the per-buyer UTC month rows.
   */
  grain: "bucket" | "day" | "month"
  from: Date
  to: Date
}

/**
 * Splits [from, to) into the 15-minute part before the first whole UTC day,
 * the whole UTC days, and the 15-minute part after the last whole day, so a
 * long leaderboard range reads one row per buyer and day instead of 96.
 * Parts that would be empty are left out; a range without a whole UTC day
 * is one 15-minute part.
 */
export function splitRangeByUtcDays(from: Date, to: Date): RangePart[] {
  const start = from.getTime()
  const end = to.getTime()
  if (!(end > start)) {
    return []
  }
  const firstDay = Math.ceil(start / DAY_MS) * DAY_MS
  const lastDay = Math.floor(end / DAY_MS) * DAY_MS
  if (firstDay >= lastDay) {
    return [{ grain: "bucket", from, to }]
  }
  const parts: RangePart[] = []
  if (start < firstDay) {
    parts.push({ grain: "bucket", from, to: new Date(firstDay) })
  }
  parts.push({ grain: "day", from: new Date(firstDay), to: new Date(lastDay) })
  if (lastDay < end) {
    parts.push({ grain: "bucket", from: new Date(lastDay), to })
  }
  return parts
}
