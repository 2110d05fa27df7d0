import { Container, Heading, Text } from "@medusajs/ui"
import { useState } from "react"
import { useAdminQuery } from "../../lib/api"
import { useLocale, useT } from "../../lib/i18n"
import { formatCount, formatMoney, ratioToPercent } from "../../lib/money"
import { DEFAULT_PERIOD, type Period, periodQuery } from "../../lib/period"
import { PeriodPicker } from "../../lib/period-picker"
import { CountsChart } from "./counts-chart"
import { ErrorState, LoadingState } from "../../lib/states"

type CurrencyMetrics = {
  currency_code: string
  sales: string
  net: string
}

type Metrics = {
  clicks: number
  orders: number
  conversion: string | null
  currencies: CurrencyMetrics[]
}

export type Report = {
  range: { from: string; to: string; interval: string }
  totals: Metrics
  series: (Metrics & { start: string; end: string })[]
}

/**
 * A buyer's report (`GET /admin/buyers/{id}/report`) over a period: totals,
 * clicks and orders per bucket, and sales and commission per currency
 * (never summed across currencies).
 */
export const BuyerReport = ({ buyerId }: { buyerId: string }) => {
  const t = useT()
  const locale = useLocale()
  const [period, setPeriod] = useState<Period>(DEFAULT_PERIOD)
  const report = useAdminQuery<Report>(
    `/admin/buyers/${buyerId}/report`,
    periodQuery(period)
  )
  const data = report.data
  return (
    <Container className="divide-y p-0">
      <div className="flex flex-wrap items-center justify-between gap-2 px-6 py-4">
        <Heading level="h2">{t("buyers.detail.report")}</Heading>
        <PeriodPicker value={period} onChange={setPeriod} />
      </div>
      {report.isError && !data ? (
        <ErrorState error={report.error} onRetry={() => report.refetch()} />
      ) : !data ? (
        <LoadingState rows={5} />
      ) : (
        <>
          <div className="grid grid-cols-2 gap-3 px-6 py-4 md:grid-cols-4">
            <Kpi
              label={t("buyers.chart.clicks")}
              value={formatCount(data.totals.clicks, locale)}
            />
            <Kpi
              label={t("buyers.chart.orders")}
              value={formatCount(data.totals.orders, locale)}
            />
            <Kpi
              label={t("buyers.detail.conversion")}
              value={ratioToPercent(data.totals.conversion)}
            />
            {data.totals.currencies.map((c) => (
              <Kpi
                key={c.currency_code}
                label={`${t("buyers.chart.net")} · ${c.currency_code.toUpperCase()}`}
                value={formatMoney(c.net, c.currency_code, locale)}
                sub={t("buyers.detail.salesOf", {
                  sales: formatMoney(c.sales, c.currency_code, locale),
                })}
              />
            ))}
          </div>
          <div className="px-6 py-4">
            <CountsChart report={data} />
          </div>
        </>
      )}
    </Container>
  )
}

const Kpi = ({
  label,
  value,
  sub,
}: {
  label: string
  value: string
  sub?: string
}) => (
  <div className="bg-ui-bg-subtle shadow-borders-base rounded-lg px-4 py-3">
    <Text size="xsmall" className="text-ui-fg-subtle">
      {label}
    </Text>
    <Text size="large" weight="plus" className="tabular-nums">
      {value}
    </Text>
    {sub && (
      <Text size="xsmall" className="text-ui-fg-muted">
        {sub}
      </Text>
    )}
  </div>
)
