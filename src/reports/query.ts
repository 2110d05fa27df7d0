import { z } from "@medusajs/framework/zod"
import { isoDate, queryIdList, queryInt } from "../api/utils/fields"
import { currency } from "../api/utils/commission-validators"
import type { ReportGroupBy } from "../types/reports"
import { REPORT_METRICS } from "./metrics"
import { REPORT_INTERVALS, REPORT_PRESETS, type ReportDate } from "./range"
import { isIanaZone } from "./timezone"

/** Group keys every report accepts; the program report adds `buyer`. */
export const SUBJECT_GROUPS = [
  "note",
  "product",
  "utm_source",
  "utm_campaign",
  "referer",
] as const satisfies readonly ReportGroupBy[]
export const PROGRAM_GROUPS = [
  ...SUBJECT_GROUPS,
  "buyer",
] as const satisfies readonly ReportGroupBy[]

const DATE_ONLY = /^\s*\d{4}-\d{2}-\d{2}\s*$/

/**
 * `from` / `to`: an ISO 8601 date or date-time (the shared `isoDate`
 * rules), remembering whether it was a date: a date is a local midnight in
 * the report's zone, which only the report layer knows.
 */
const reportDate = z.string().transform((v, ctx): ReportDate => {
  const parsed = isoDate.safeParse(v)
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      ctx.addIssue({ code: "custom", message: issue.message })
    }
    return z.NEVER
  }
  return { at: parsed.data, date_only: DATE_ONLY.test(v) }
})

/** An IANA zone the runtime knows (the database is asked by the report layer). */
const timeZone = z
  .string()
  .trim()
  .refine(isIanaZone, "must be an IANA time zone such as Europe/Berlin")

/**
 * The query of a report route (docs/reports.md). Strict: any other key,
 * such as a `buyer_id` on the store route, is a 400 naming it.
 */
export const reportQuery = <
  G extends readonly [ReportGroupBy, ...ReportGroupBy[]],
>(
  groups: G,
  opts: { signals?: boolean } = {}
) =>
  z
    .strictObject({
      preset: z.enum(REPORT_PRESETS).optional(),
      from: reportDate.optional(),
      to: reportDate.optional(),
      tz: timeZone.optional(),
      interval: z.enum(REPORT_INTERVALS).optional(),
      group_by: z.enum(groups).optional(),
      // Only the groups with these keys (up to 100, comma-separated or
      // repeated): one product's or a few buyers' figures without paging
      // through the whole leaderboard.
      key: queryIdList("key").optional(),
      order_by: z.enum(REPORT_METRICS).optional(),
      order: z.enum(["asc", "desc"]).default("desc"),
      currency_code: currency("currency_code").optional(),
      limit: queryInt({ min: 1, max: 100, fallback: 20 }),
      offset: queryInt({ min: 0, max: 1_000_000, fallback: 0 }),
      format: z.enum(["json", "csv"]).default("json"),
      // The program report's review signals, only when asked (they read
      // every 15-minute click row of the range): `include` adds them to
      // the report, `only` answers `{ range, signals }`.
      signals: z.enum(["include", "only"]).optional(),
      // Distinct visitors, only when asked (or sorted on): unlike every
      // other metric they do not add up across buckets, so they read a row
      // per visitor and 15 minutes of the range (docs/reports.md).
      visitors: z.enum(["include"]).optional(),
    })
    .superRefine((q, ctx) => {
      if (q.signals !== undefined && !opts.signals) {
        ctx.addIssue({
          code: "custom",
          path: ["signals"],
          message: "signals: only the program report has review signals",
        })
      }
      if (q.signals === "only" && q.format === "csv") {
        ctx.addIssue({
          code: "custom",
          path: ["format"],
          message: "format: signals=only answers JSON",
        })
      }
      if (q.key && !q.group_by) {
        ctx.addIssue({
          code: "custom",
          path: ["key"],
          message: "key: give group_by with it",
        })
      }
      if (q.preset && (q.from || q.to)) {
        ctx.addIssue({
          code: "custom",
          path: ["preset"],
          message: "preset: give either a preset or from/to, not both",
        })
      }
    })

export type ReportQueryParams = z.infer<ReturnType<typeof reportQuery>>
