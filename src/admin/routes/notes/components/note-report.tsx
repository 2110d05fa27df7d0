import { Container, Heading, Text } from "@medusajs/ui"
import { useState, type ReactNode } from "react"
import { useAdminQuery } from "../../../lib/api"
import { browserTimeZone } from "../../../lib/dates"
import { useLocale, useT } from "../../../lib/i18n"
import { formatCount, formatMoney, ratioToPercent } from "../../../lib/money"
import { DEFAULT_PERIOD, periodQuery, type Period } from "../../../lib/period"
import { PeriodPicker } from "../../../lib/period-picker"
import type { Report } from "../../../lib/report"
import { CountsChart, MoneyChart } from "../../../lib/report-chart"
import { QueryState } from "../../../lib/states"

/** One figure of a `<dl>`: its label (`<dt>`) over its value (`<dd>`). */
function Figure({
  label,
  ariaLabel,
  children,
}: {
  label: string
  ariaLabel?: string
  children: ReactNode
}) {
  return (
    <div>
      <Text size="xsmall" className="text-ui-fg-subtle" asChild>
        <dt>{label}</dt>
      </Text>
      <Text size="large" weight="plus" asChild>
        <dd aria-label={ariaLabel}>{children}</dd>
      </Text>
    </div>
  )
}

/** The note's own report (GET /admin/notes/{id}/report). */
export function NoteReport({ noteId }: { noteId: string }) {
  const t = useT()
  const locale = useLocale()
  const [period, setPeriod] = useState<Period>(DEFAULT_PERIOD)
  const report = useAdminQuery<Report>(`/admin/notes/${noteId}/report`, {
    ...periodQuery(period),
    tz: browserTimeZone(),
  })
  return (
    <Container className="divide-y p-0" data-testid="note-report">
      <div className="flex flex-wrap items-center justify-between gap-2 px-6 py-4">
        <Heading level="h2">{t("notes.report.title")}</Heading>
        <PeriodPicker value={period} onChange={setPeriod} />
      </div>
      <QueryState query={report} rows={4}>
        {(r) => (
          <div className="flex flex-col gap-y-4 px-6 py-4">
            <dl className="grid grid-cols-2 gap-4 md:grid-cols-3">
              <Figure label={t("overview.kpi.views")}>
                {formatCount(r.totals.views ?? 0, locale)}
              </Figure>
              <Figure
                label={t("overview.kpi.clicks")}
                ariaLabel={t("notes.report.clicks")}
              >
                {formatCount(r.totals.clicks, locale)}
              </Figure>
              <Figure label={t("overview.kpi.viewCtr")}>
                {ratioToPercent(r.totals.view_ctr)}
              </Figure>
              <Figure label={t("overview.kpi.orders")}>
                {formatCount(r.totals.orders ?? 0, locale)}
              </Figure>
              <Figure label={t("overview.kpi.conversion")}>
                {ratioToPercent(r.totals.conversion)}
              </Figure>
              <Figure label={t("overview.kpi.net")}>
                {r.totals.currencies.length
                  ? r.totals.currencies
                      .map((c) => formatMoney(c.net, c.currency_code, locale))
                      .join(" · ")
                  : "–"}
              </Figure>
            </dl>
            <CountsChart report={r} />
            {r.totals.currencies.map((c) => (
              <MoneyChart
                key={c.currency_code}
                report={r}
                currency={c.currency_code}
              />
            ))}
          </div>
        )}
      </QueryState>
    </Container>
  )
}
