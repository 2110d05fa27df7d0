import { Container, Heading } from "@medusajs/ui"
import { useState } from "react"
import { useAdminQuery } from "../../lib/api"
import { useLocale, useT } from "../../lib/i18n"
import { formatCount, formatMoney, ratioToPercent } from "../../lib/money"
import { DEFAULT_PERIOD, type Period, periodQuery } from "../../lib/period"
import { PeriodPicker } from "../../lib/period-picker"
import type { Report } from "../../lib/report"
import { CountsChart } from "../../lib/report-chart"
import { ErrorState, LoadingState } from "../../lib/states"
import { StatTile } from "../earnings/states"

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
            <StatTile
              label={t("buyers.chart.clicks")}
              value={formatCount(data.totals.clicks, locale)}
            />
            <StatTile
              label={t("buyers.chart.orders")}
              value={formatCount(data.totals.orders, locale)}
            />
            <StatTile
              label={t("buyers.detail.conversion")}
              value={ratioToPercent(data.totals.conversion)}
            />
            {data.totals.currencies.map((c) => (
              <StatTile
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
