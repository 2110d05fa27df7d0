/*
 * The report routes' answer (docs/reports.md): counts as integers, ratios
 * and money as decimal strings, money per currency.
 */
import type {
  ReportCurrencyMetrics,
  ReportDropReason,
  ReportMetrics,
  ReportRange,
} from "../../types/reports"

export type CurrencyMetrics = ReportCurrencyMetrics

export type DropReason = ReportDropReason
export const DROP_REASONS: DropReason[] = [
  "bot",
  "duplicate",
  "burst",
  "head",
  "not_earning",
]

export type Metrics = ReportMetrics

export type { ReportRange }

export type Signal = {
  buyer_id: string
  label: string | null
  kind:
    | "dropped_share"
    | "conversion_outlier"
    | "repeat_customer"
    | "self_referral"
    | "returns"
    | "click_spike"
  value: string | number
  program_value: string | number | null
  threshold: string | number
  since: string | null
  detail: Record<string, unknown>
}

export type Report = {
  range: ReportRange
  totals: Metrics
  series: ({ start: string; end: string } & Metrics)[]
  groups?: ({ key: string | null; label: string | null } & Metrics)[]
  count?: number
  limit?: number
  offset?: number
  signals?: Signal[]
}

/** A currency's metrics in a Metrics (null when it had none). */
export function inCurrency(
  m: Pick<Metrics, "currencies"> | undefined,
  currency: string
): CurrencyMetrics | null {
  return m?.currencies.find((c) => c.currency_code === currency) ?? null
}

/** Every currency that appears in the totals of these reports, sorted. */
export function currenciesOf(...reports: (Report | undefined)[]): string[] {
  const set = new Set<string>()
  for (const r of reports) {
    for (const c of r?.totals.currencies ?? []) {
      set.add(c.currency_code)
    }
  }
  return [...set].sort()
}
