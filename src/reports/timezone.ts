/**
 * Calendar arithmetic in an IANA time zone with the runtime's Intl data
 * only (no date library): local parts of an instant, and the instant a
 * local day begins. Pure; the report range and its limits are built on it.
 */

export const MINUTE = 60_000
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR
/** The rollups' grain: every range edge sits on it. */
export const GRAIN = 15 * MINUTE

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz)
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: tz,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      era: "short",
    })
    formatters.set(tz, f)
  }
  return f
}

/**
 * True when the runtime knows `tz` as an IANA zone (any letter case).
 * Offsets such as `+05:30` are refused: a report zone has rules, not one
 * offset.
 */
export function isIanaZone(tz: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(tz)) {
    return false
  }
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz })
    return true
  } catch {
    return false
  }
}

export type LocalParts = {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
}

/** The wall-clock reading of `instant` (ms) in `tz`. */
export function localParts(instant: number, tz: string): LocalParts {
  const out: Record<string, number> = {}
  let bc = false
  for (const p of formatter(tz).formatToParts(new Date(instant))) {
    if (p.type === "era") {
      bc = p.value.startsWith("B")
    } else if (p.type !== "literal") {
      out[p.type] = Number(p.value)
    }
  }
  return {
    year: bc ? 1 - out.year : out.year,
    month: out.month,
    day: out.day,
    hour: out.hour,
    minute: out.minute,
    second: out.second,
  }
}

/** The wall-clock reading of `instant` written as if it were UTC (ms). */
export function wallTime(instant: number, tz: string): number {
  const p = localParts(instant, tz)
  const d = new Date(0)
  d.setUTCFullYear(p.year, p.month - 1, p.day)
  d.setUTCHours(
    p.hour,
    p.minute,
    p.second,
    instant - Math.floor(instant / 1000) * 1000
  )
  return d.getTime()
}

/** The zone's offset from UTC at `instant`, in ms (east positive). */
export function offsetAt(instant: number, tz: string): number {
  return wallTime(instant, tz) - instant
}

/** A calendar date, no zone. */
export type LocalDate = { year: number; month: number; day: number }

/** Days since 1970-01-01 of a calendar date (proleptic Gregorian). */
export function dayNumber(d: LocalDate): number {
  const t = new Date(0)
  t.setUTCFullYear(d.year, d.month - 1, d.day)
  return Math.round(t.getTime() / DAY)
}

/** The calendar date `n` days after `d` (n may be negative). */
export function addDays(d: LocalDate, n: number): LocalDate {
  const t = new Date(0)
  t.setUTCFullYear(d.year, d.month - 1, d.day + n)
  return {
    year: t.getUTCFullYear(),
    month: t.getUTCMonth() + 1,
    day: t.getUTCDate(),
  }
}

/** The local calendar date of `instant` in `tz`. */
export function localDate(instant: number, tz: string): LocalDate {
  const { year, month, day } = localParts(instant, tz)
  return { year, month, day }
}

/**
 * The first instant whose local date in `tz` is `d` or later: local
 * midnight, or, where a DST change skips midnight, the change itself (as
 * PostgreSQL's `date_trunc('day', …)` reads it). Found by bisection over the
 * 40 hours that can hold it, to the millisecond.
 */
export function startOfLocalDay(d: LocalDate, tz: string): number {
  const target = dayNumber(d)
  const wall = target * DAY
  // Offsets lie within −12 h … +14 h: the day's start is inside this window.
  let lo = wall - 15 * HOUR
  let hi = wall + 13 * HOUR
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2)
    if (dayNumber(localDate(mid, tz)) >= target) {
      hi = mid
    } else {
      lo = mid
    }
  }
  return hi
}

/** `instant` floored to the 15-minute grain. */
export function floorGrain(instant: number): number {
  return Math.floor(instant / GRAIN) * GRAIN
}

/** `instant` ceiled to the 15-minute grain. */
export function ceilGrain(instant: number): number {
  return Math.ceil(instant / GRAIN) * GRAIN
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(d: LocalDate): number {
  // 1970-01-01 was a Thursday (4).
  return ((((dayNumber(d) + 3) % 7) + 7) % 7) + 1
}
