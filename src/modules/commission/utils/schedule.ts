import { parseExpression } from "cron-parser"

/**
 * The last time a cron schedule (UTC) fired at or before `now`, or null
 * when there is no schedule (`false`).
 */
export function lastScheduledTime(
  schedule: string | false,
  now: Date
): Date | null {
  if (!schedule) {
    return null
  }
  return parseExpression(schedule, {
    currentDate: new Date(now.getTime() + 1000),
    utc: true,
  })
    .prev()
    .toDate()
}
