import { toDateInput } from "./dates"

/*
 * A report period: one of the report routes' presets, or custom dates
 * (local midnights in `tz`; `to` inclusive, as docs/reports.md reads them).
 */

export const PERIOD_PRESETS = ["7d", "30d", "90d", "mtd", "ytd"] as const
export type PeriodPreset = (typeof PERIOD_PRESETS)[number]

export type Period =
  { preset: PeriodPreset } | { preset: "custom"; from: string; to: string }

export const DEFAULT_PERIOD: Period = { preset: "30d" }

/** The report query of a period (`preset`, or `from` and `to`). */
export function periodQuery(period: Period): Record<string, string> {
  return period.preset === "custom"
    ? { from: period.from, to: period.to }
    : { preset: period.preset }
}

/**
 * The period just before a report's effective range, of the same length:
 * what KPI changes compare with.
 */
export function previousRange(range: { from: string; to: string }): {
  from: string
  to: string
} {
  const from = new Date(range.from).getTime()
  const to = new Date(range.to).getTime()
  return {
    from: new Date(from - (to - from)).toISOString(),
    to: new Date(from).toISOString(),
  }
}

/** A custom period of the last `days` days ending today (the picker's start). */
export function customLastDays(days: number, now = new Date()): Period {
  const from = new Date(now)
  from.setDate(from.getDate() - (days - 1))
  return { preset: "custom", from: toDateInput(from), to: toDateInput(now) }
}

/** Reads a period from URL search params (`?period=30d` or `?from=…&to=…`). */
export function periodFromSearch(params: URLSearchParams): Period {
  const from = params.get("from")
  const to = params.get("to")
  const day = /^\d{4}-\d{2}-\d{2}$/
  if (from && to && day.test(from) && day.test(to)) {
    return { preset: "custom", from, to }
  }
  const p = params.get("period")
  return (PERIOD_PRESETS as readonly string[]).includes(p ?? "")
    ? { preset: p as PeriodPreset }
    : DEFAULT_PERIOD
}

/** Writes a period into URL search params (a link to the page keeps it). */
export function periodToSearch(
  period: Period,
  params: URLSearchParams
): URLSearchParams {
  const next = new URLSearchParams(params)
  next.delete("period")
  next.delete("from")
  next.delete("to")
  if (period.preset === "custom") {
    next.set("from", period.from)
    next.set("to", period.to)
  } else {
    next.set("period", period.preset)
  }
  return next
}
