import { sendCsv } from "../api/utils/csv"
import type { ReportAnswer } from "./compose"
import { DROP_REASONS, MONEY_FIELDS, type Metrics } from "./metrics"

const METRIC_COLUMNS = [
  "clicks",
  "unique_visitors",
  ...DROP_REASONS.map((r) => `dropped_${r}`),
  "orders",
  "units",
  "conversion",
  "views",
  "view_ctr",
  "currency_code",
  ...MONEY_FIELDS,
  "returned_share",
  "epc",
]

/** One row per currency of `m` (one row with empty money columns when it has none). */
function metricRows(lead: unknown[], m: Metrics): unknown[][] {
  const counts = [
    m.clicks,
    m.unique_visitors,
    ...DROP_REASONS.map((r) => m.dropped[r]),
    m.orders,
    m.units,
    m.conversion,
    m.views,
    m.view_ctr,
  ]
  if (!m.currencies.length) {
    return [
      [
        ...lead,
        ...counts,
        ...METRIC_COLUMNS.slice(counts.length).map(() => null),
      ],
    ]
  }
  return m.currencies.map((c) => [
    ...lead,
    ...counts,
    c.currency_code,
    ...MONEY_FIELDS.map((f) => c[f]),
    c.returned_share,
    c.epc,
  ])
}

/**
 * The report as CSV: the same numbers, one row per group (with `group_by`)
 * or per bucket, and currency; the counts repeat on each currency row. For
 * `src/api/utils/csv.ts`'s `sendCsv`, which makes the cells formula-safe.
 */
export function reportCsv(
  report: ReportAnswer,
  grouped: boolean
): {
  header: string[]
  rows: unknown[][]
} {
  if (grouped) {
    return {
      header: ["key", "label", ...METRIC_COLUMNS],
      rows: report.groups.flatMap((g) => metricRows([g.key, g.label], g)),
    }
  }
  return {
    header: ["start", "end", ...METRIC_COLUMNS],
    rows: report.series.flatMap((b) => metricRows([b.start, b.end], b)),
  }
}

/** `<what>-report-<from>-<to>.csv`, the range's UTC instants to the minute. */
export function reportFilename(report: ReportAnswer, what: string): string {
  const at = (iso: string) => iso.slice(0, 16).replace(/[-:]/g, "")
  return `${what}-report-${at(report.range.from)}-${at(report.range.to)}.csv`
}

/**
 * Answers a report as JSON, or as a CSV download with `format=csv`.
 */
export function sendReport(
  res: {
    json(body: unknown): unknown
    setHeader(name: string, value: string): unknown
    send(body: string): unknown
  },
  report: ReportAnswer,
  q: { format: "json" | "csv"; group_by?: string },
  what: string
) {
  if (q.format !== "csv") {
    res.json(report)
    return
  }
  const { header, rows } = reportCsv(report, !!q.group_by)
  sendCsv(res, reportFilename(report, what), header, rows)
}
