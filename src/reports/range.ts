import { MedusaError } from "@medusajs/framework/utils"
import type { ReportInterval } from "../types/reports"
import {
  DAY,
  GRAIN,
  HOUR,
  addDays,
  ceilGrain,
  dayNumber,
  floorGrain,
  isoWeekday,
  localDate,
  startOfLocalDay,
  wallTime,
  type LocalDate,
} from "./timezone"

export const REPORT_PRESETS = [
  "24h",
  "7d",
  "30d",
  "90d",
  "mtd",
  "qtd",
  "ytd",
  "1y",
  "all",
] as const
export type ReportPreset = (typeof REPORT_PRESETS)[number]

export const REPORT_INTERVALS = ["hour", "day", "week", "month"] as const

/** Most buckets one series may have. */
export const MAX_BUCKETS = 1000
/** `interval=hour` covers at most this much local time. */
export const MAX_HOUR_SPAN = 7 * DAY

/**
 * A `from` or `to` of the query: the instant it names, and whether it was a
 * date (a local midnight in the report's zone) or a date-time.
 */
export type ReportDate = { at: Date; date_only: boolean }

export type RangeInput = {
  preset?: ReportPreset
  from?: ReportDate
  to?: ReportDate
  interval?: ReportInterval
}

export type ReportRange = {
  /** [from, to): UTC instants (ms) on the 15-minute grain. */
  from: number
  to: number
  tz: string
  interval: ReportInterval
  /** The preset the range came from; null for an explicit `from`/`to`. */
  preset: ReportPreset | null
}

const invalid = (message: string) =>
  new MedusaError(MedusaError.Types.INVALID_DATA, message)

function utcDate(at: Date): LocalDate {
  return {
    year: at.getUTCFullYear(),
    month: at.getUTCMonth() + 1,
    day: at.getUTCDate(),
  }
}

/**
 * The instants a preset covers, computed in `tz` from `now`: `24h` the last
 * 24 hours; `7d`, `30d`, `90d` and `1y` from local midnight 6, 29, 89 and
 * 364 days ago; `mtd`, `qtd`, `ytd` from the local start of the month,
 * quarter, year; `all` from the first data (`firstActivity`; today's local
 * midnight when there is none). The end is now, ceiled to the grain.
 */
export function presetRange(
  preset: ReportPreset,
  tz: string,
  now: number,
  firstActivity: number | null = null
): { from: number; to: number } {
  const to = ceilGrain(now)
  const today = localDate(now, tz)
  const daysBack = (n: number) => startOfLocalDay(addDays(today, -n), tz)
  let from: number
  switch (preset) {
    case "24h":
      from = now - 24 * HOUR
      break
    case "7d":
      from = daysBack(6)
      break
    case "30d":
      from = daysBack(29)
      break
    case "90d":
      from = daysBack(89)
      break
    case "1y":
      from = daysBack(364)
      break
    case "mtd":
      from = startOfLocalDay({ ...today, day: 1 }, tz)
      break
    case "qtd":
      from = startOfLocalDay(
        {
          year: today.year,
          month: today.month - ((today.month - 1) % 3),
          day: 1,
        },
        tz
      )
      break
    case "ytd":
      from = startOfLocalDay({ year: today.year, month: 1, day: 1 }, tz)
      break
    case "all":
      from =
        firstActivity === null
          ? startOfLocalDay(today, tz)
          : Math.min(firstActivity, now)
      break
  }
  return { from: floorGrain(from), to }
}

/**
 * Local time between two instants (ms): the wall clock's reading at `to`
 * minus its reading at `from`. A local day is one day of it whether DST made
 * it 23 or 25 hours long.
 */
export function localSpan(from: number, to: number, tz: string): number {
  return wallTime(to, tz) - wallTime(from, tz)
}

/**
 * The interval a range gets when none is asked for: `hour` up to 48 hours,
 * `day` up to 92 days, `week` up to 366 days, `month` beyond (local time).
 */
export function defaultInterval(
  from: number,
  to: number,
  tz: string
): ReportInterval {
  const span = localSpan(from, to, tz)
  if (span <= 48 * HOUR) {
    return "hour"
  }
  if (span <= 92 * DAY) {
    return "day"
  }
  if (span <= 366 * DAY) {
    return "week"
  }
  return "month"
}

/**
 * How many buckets of `interval` the range [from, to) touches in `tz`, as
 * PostgreSQL cuts them (`date_trunc` of the local time): days, weeks (ISO,
 * from Monday) and months by their local dates; hours by the distinct local
 * hours of the range's 15-minute instants (a DST change makes a local hour
 * missing, or twice as long).
 */
export function bucketCount(
  from: number,
  to: number,
  tz: string,
  interval: ReportInterval
): number {
  if (to <= from) {
    return 0
  }
  const last = to - 1
  if (interval === "hour") {
    if (localSpan(from, to, tz) > MAX_BUCKETS * HOUR) {
      // Too many either way; not worth walking.
      return Math.ceil((to - from) / HOUR)
    }
    const hours = new Set<number>()
    for (let t = floorGrain(from); t < to; t += GRAIN) {
      hours.add(Math.floor(wallTime(t, tz) / HOUR))
    }
    return hours.size
  }
  const a = localDate(from, tz)
  const b = localDate(last, tz)
  if (interval === "day") {
    return dayNumber(b) - dayNumber(a) + 1
  }
  if (interval === "week") {
    const monday = (d: LocalDate) => dayNumber(d) - (isoWeekday(d) - 1)
    return (monday(b) - monday(a)) / 7 + 1
  }
  return b.year * 12 + b.month - (a.year * 12 + a.month) + 1
}

/**
 * The effective range of a report query: the preset's or the explicit
 * `from`/`to` (a date is the local midnight in `tz`; `to` as a date is
 * inclusive, so the range ends at the next local midnight), aligned to the
 * 15-minute grain (start floored, end ceiled), with its interval, within the
 * limits. Bad input is a 400 naming the field.
 */
export function resolveRange(
  input: RangeInput,
  tz: string,
  now: number,
  firstActivity: number | null = null
): ReportRange {
  let from: number
  let to: number
  if (input.from || input.to) {
    if (!input.from) {
      throw invalid("from: is required when to is given")
    }
    from = input.from.date_only
      ? startOfLocalDay(utcDate(input.from.at), tz)
      : input.from.at.getTime()
    to = !input.to
      ? now
      : input.to.date_only
        ? startOfLocalDay(addDays(utcDate(input.to.at), 1), tz)
        : input.to.at.getTime()
    from = floorGrain(from)
    to = ceilGrain(to)
    if (to <= from) {
      throw invalid(
        input.to
          ? "to: must be after from"
          : "from: must be before now (or give to)"
      )
    }
  } else {
    ;({ from, to } = presetRange(input.preset ?? "30d", tz, now, firstActivity))
  }
  const interval = input.interval ?? defaultInterval(from, to, tz)
  if (interval === "hour" && localSpan(from, to, tz) > MAX_HOUR_SPAN) {
    throw invalid(
      "interval: hour covers at most 7 days; the range is longer (use day, or a shorter range)"
    )
  }
  const count = bucketCount(from, to, tz, interval)
  if (count > MAX_BUCKETS) {
    throw invalid(
      `${input.interval ? "interval" : "from"}: the range has ${count} ${interval} buckets, more than ${MAX_BUCKETS} (choose a longer interval or a shorter range)`
    )
  }
  return {
    from,
    to,
    tz,
    interval,
    preset: input.from ? null : (input.preset ?? "30d"),
  }
}
