import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Badge, Container, Heading, Table, Text, clx } from "@medusajs/ui"
import { Link, useSearchParams } from "react-router-dom"
import { useAdminQuery } from "../../../lib/api"
import { browserTimeZone, formatDateTime } from "../../../lib/dates"
import { useLocale, useT } from "../../../lib/i18n"
import {
  formatCount,
  formatMoney,
  percentChange,
  ratioToPercent,
} from "../../../lib/money"
import { PATHS } from "../../../lib/paths"
import {
  periodFromSearch,
  periodQuery,
  periodToSearch,
  previousRange,
} from "../../../lib/period"
import { PeriodPicker } from "../../../lib/period-picker"
import {
  currenciesOf,
  DROP_REASONS,
  inCurrency,
  type CurrencyMetrics,
  type Report,
} from "../../../lib/report"
import { CountsChart, MoneyChart } from "../../../lib/report-chart"
import {
  EmptyState,
  ErrorState,
  LoadingState,
  PageError,
} from "../../../lib/states"

/*
 * The program at a glance (GET /admin/program-report, docs/reports.md):
 * KPIs of the period against the one just before it, the series per
 * currency, the top buyers and notes by net commission, dropped clicks by
 * reason and the review signals. Money stays per currency as decimal
 * strings; changes are computed on BigInts (lib/money).
 */

function Change({
  now,
  before,
}: {
  now: string | number | null | undefined
  before: string | number | null | undefined
}) {
  const t = useT()
  const pct = before == null ? null : percentChange(now, before)
  if (pct === null) {
    return (
      <Text size="xsmall" className="text-ui-fg-muted">
        {t("common.period.noPrevious")}
      </Text>
    )
  }
  const up = pct.startsWith("+")
  const down = pct.startsWith("-")
  return (
    <Text
      size="xsmall"
      className={clx(
        up && "text-ui-tag-green-text",
        down && "text-ui-tag-red-text",
        !up && !down && "text-ui-fg-muted"
      )}
    >
      {t("common.period.vsPrevious", { change: pct })}
    </Text>
  )
}

function CountKpi({
  label,
  value,
  now,
  before,
}: {
  label: string
  value: string
  now: number | string | null
  before: number | string | null | undefined
}) {
  return (
    <Container className="flex flex-col gap-y-1 px-6 py-4">
      <Text size="small" className="text-ui-fg-subtle">
        {label}
      </Text>
      <Text size="xlarge" weight="plus" aria-label={label}>
        {value}
      </Text>
      <Change now={now} before={before} />
    </Container>
  )
}

type MoneyKey = "sales" | "net" | "pending" | "approved"

function MoneyKpi({
  label,
  metric,
  currencies,
  now,
  before,
}: {
  label: string
  metric: MoneyKey
  currencies: string[]
  now: Report
  before: Report | undefined
}) {
  const t = useT()
  const locale = useLocale()
  return (
    <Container className="flex flex-col gap-y-2 px-6 py-4">
      <Text size="small" className="text-ui-fg-subtle">
        {label}
      </Text>
      {!currencies.length ? (
        <div className="flex flex-col">
          <Text size="large" weight="plus" aria-label={label}>
            –
          </Text>
          <Text size="xsmall" className="text-ui-fg-muted">
            {t("overview.noSales")}
          </Text>
        </div>
      ) : null}
      {currencies.map((c) => {
        const n = inCurrency(now.totals, c)?.[metric] ?? "0"
        const b = before
          ? (inCurrency(before.totals, c)?.[metric] ?? "0")
          : null
        return (
          <div key={c} className="flex flex-col">
            <Text
              size="large"
              weight="plus"
              aria-label={`${label} ${c.toUpperCase()}`}
            >
              {formatMoney(n, c, locale)}
            </Text>
            <Change now={n} before={b} />
          </div>
        )
      })}
    </Container>
  )
}

function Leaderboard({
  title,
  report,
  currency,
  link,
  empty,
  unassigned,
  testId,
}: {
  title: string
  report: ReturnType<typeof useAdminQuery<Report>>
  currency: string | undefined
  link: (key: string) => string
  empty: string
  /** The group without a key: no buyer (merchant notes), or no note. */
  unassigned: string
  testId: string
}) {
  const t = useT()
  const locale = useLocale()
  return (
    <Container className="divide-y p-0" data-testid={testId}>
      <div className="px-6 py-4">
        <Heading level="h2">{title}</Heading>
      </div>
      {report.isError ? (
        <ErrorState error={report.error} onRetry={() => report.refetch()} />
      ) : !report.data ? (
        <LoadingState rows={3} />
      ) : !report.data.groups?.length ? (
        <EmptyState title={empty} />
      ) : (
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>{t("overview.columns.name")}</Table.HeaderCell>
              <Table.HeaderCell className="text-right">
                {t("overview.columns.clicks")}
              </Table.HeaderCell>
              <Table.HeaderCell className="text-right">
                {t("overview.columns.orders")}
              </Table.HeaderCell>
              <Table.HeaderCell className="text-right">
                {t("overview.columns.net")}
              </Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {report.data.groups.map((g) => {
              const c: CurrencyMetrics | null = currency
                ? inCurrency(g, currency)
                : null
              return (
                <Table.Row key={g.key ?? "none"}>
                  <Table.Cell>
                    {g.key ? (
                      <Link
                        to={link(g.key)}
                        className="text-ui-fg-interactive hover:underline"
                      >
                        {g.label ?? g.key}
                      </Link>
                    ) : (
                      <Text size="small" className="text-ui-fg-muted">
                        {unassigned}
                      </Text>
                    )}
                  </Table.Cell>
                  <Table.Cell className="text-right">
                    {formatCount(g.clicks, locale)}
                  </Table.Cell>
                  <Table.Cell className="text-right">
                    {formatCount(g.orders, locale)}
                  </Table.Cell>
                  <Table.Cell className="text-right">
                    {currency
                      ? formatMoney(c?.net ?? "0", currency, locale)
                      : "–"}
                  </Table.Cell>
                </Table.Row>
              )
            })}
          </Table.Body>
        </Table>
      )}
    </Container>
  )
}

function signalValue(kind: string, v: string | number): string {
  if (kind === "self_referral" || kind === "click_spike") {
    return String(v)
  }
  return typeof v === "string" && /^\d+\.\d{6}$/.test(v)
    ? ratioToPercent(v)
    : String(v)
}

const OverviewPage = () => {
  const t = useT()
  const locale = useLocale()
  const [params, setParams] = useSearchParams()
  const period = periodFromSearch(params)
  const tz = browserTimeZone()
  const base = { ...periodQuery(period), tz }

  const report = useAdminQuery<Report>("/admin/program-report", {
    ...base,
    signals: "include",
  })
  const range = report.data?.range
  const prev = range ? previousRange(range) : null
  const before = useAdminQuery<Report>(
    "/admin/program-report",
    prev ? { ...prev, tz, interval: range?.interval } : {},
    { enabled: !!prev }
  )
  const currencies = currenciesOf(report.data, before.data)
  const lead = currencies[0]
  const buyers = useAdminQuery<Report>("/admin/program-report", {
    ...base,
    group_by: "buyer",
    limit: 5,
    currency_code: lead,
  })
  const notes = useAdminQuery<Report>("/admin/program-report", {
    ...base,
    group_by: "note",
    limit: 5,
    currency_code: lead,
  })

  const header = (
    <Container className="flex flex-wrap items-center justify-between gap-4 px-6 py-4">
      <div>
        <Heading>{t("overview.title")}</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          {range
            ? t("overview.range", {
                from: formatDateTime(range.from, locale),
                to: formatDateTime(range.to, locale),
              })
            : t("overview.subtitle")}
        </Text>
      </div>
      <PeriodPicker
        value={period}
        onChange={(p) =>
          setParams(periodToSearch(p, params), { replace: true })
        }
      />
    </Container>
  )

  if (report.isError && !report.data) {
    return (
      <div className="flex flex-col gap-y-3">
        {header}
        <PageError
          title={t("overview.title")}
          error={report.error}
          onRetry={() => report.refetch()}
        />
      </div>
    )
  }
  const now = report.data
  const totals = now?.totals
  const prevTotals = before.data?.totals
  const dropped = totals
    ? DROP_REASONS.map((r) => [r, totals.dropped[r] ?? 0] as const)
    : []
  const droppedAll = dropped.reduce((a, [, n]) => a + n, 0)

  return (
    <div className="flex flex-col gap-y-3">
      {header}
      {!now || !totals ? (
        <Container className="p-0">
          <LoadingState rows={6} />
        </Container>
      ) : (
        <>
          <div className="grid grid-cols-1 gap-3 md:grid-cols-3">
            <CountKpi
              label={t("overview.kpi.clicks")}
              value={formatCount(totals.clicks, locale)}
              now={totals.clicks}
              before={prevTotals?.clicks}
            />
            <CountKpi
              label={t("overview.kpi.orders")}
              value={formatCount(totals.orders ?? 0, locale)}
              now={totals.orders ?? 0}
              before={prevTotals ? (prevTotals.orders ?? 0) : undefined}
            />
            <CountKpi
              label={t("overview.kpi.conversion")}
              value={ratioToPercent(totals.conversion)}
              now={totals.conversion}
              before={prevTotals ? prevTotals.conversion : undefined}
            />
          </div>
          {
            <div className="grid grid-cols-1 gap-3 md:grid-cols-2 xl:grid-cols-4">
              {(
                [
                  ["sales", t("overview.kpi.sales")],
                  ["net", t("overview.kpi.net")],
                  ["pending", t("overview.kpi.pending")],
                  ["approved", t("overview.kpi.payable")],
                ] as const
              ).map(([metric, label]) => (
                <MoneyKpi
                  key={metric}
                  label={label}
                  metric={metric}
                  currencies={currencies}
                  now={now}
                  before={before.data}
                />
              ))}
            </div>
          }

          <Container className="flex flex-col gap-y-3 px-6 py-4">
            <Heading level="h2">{t("overview.charts.counts")}</Heading>
            <CountsChart report={now} />
          </Container>
          {currencies.map((c) => (
            <Container key={c} className="flex flex-col gap-y-3 px-6 py-4">
              <Heading level="h2">
                {t("overview.charts.money", { currency: c.toUpperCase() })}
              </Heading>
              <MoneyChart report={now} currency={c} />
            </Container>
          ))}

          <div className="grid grid-cols-1 gap-3 xl:grid-cols-2">
            <Leaderboard
              title={t("overview.topBuyers")}
              report={buyers}
              currency={lead}
              link={PATHS.buyer}
              empty={t("overview.noBuyers")}
              unassigned={t("overview.noBuyer")}
              testId="top-buyers"
            />
            <Leaderboard
              title={t("overview.topNotes")}
              report={notes}
              currency={lead}
              link={PATHS.note}
              empty={t("overview.noNotes")}
              unassigned={t("overview.unassigned")}
              testId="top-notes"
            />
          </div>

          <div className="grid grid-cols-1 gap-3 xl:grid-cols-2">
            <Container className="divide-y p-0" data-testid="dropped">
              <div className="px-6 py-4">
                <Heading level="h2">{t("overview.dropped.title")}</Heading>
                <Text size="small" className="text-ui-fg-subtle">
                  {t("overview.dropped.hint")}
                </Text>
              </div>
              {droppedAll === 0 ? (
                <EmptyState title={t("overview.dropped.none")} />
              ) : (
                <ul className="flex flex-col gap-y-2 px-6 py-4">
                  {dropped
                    .filter(([, n]) => n > 0)
                    .map(([reason, n]) => (
                      <li
                        key={reason}
                        className="flex items-center justify-between gap-x-4"
                      >
                        <div>
                          <Text size="small" weight="plus">
                            {t(`overview.dropped.${reason}`)}
                          </Text>
                          <Text size="xsmall" className="text-ui-fg-subtle">
                            {t(`overview.dropped.${reason}Hint`)}
                          </Text>
                        </div>
                        <Badge
                          size="2xsmall"
                          aria-label={t(`overview.dropped.${reason}`)}
                        >
                          {formatCount(n, locale)}
                        </Badge>
                      </li>
                    ))}
                </ul>
              )}
            </Container>

            <Container className="divide-y p-0" data-testid="signals">
              <div className="px-6 py-4">
                <Heading level="h2">{t("overview.signals.title")}</Heading>
                <Text size="small" className="text-ui-fg-subtle">
                  {t("overview.signals.hint")}
                </Text>
              </div>
              {!now.signals?.length ? (
                <EmptyState title={t("overview.signals.none")} />
              ) : (
                <ul className="flex flex-col gap-y-3 px-6 py-4">
                  {now.signals.map((s) => (
                    <li
                      key={`${s.buyer_id}-${s.kind}-${String(s.detail.currency_code ?? "")}`}
                      className="flex items-start justify-between gap-x-4"
                    >
                      <div className="flex flex-col">
                        <Link
                          to={PATHS.buyer(s.buyer_id)}
                          className="text-ui-fg-interactive txt-compact-small-plus hover:underline"
                        >
                          {s.label ?? s.buyer_id}
                        </Link>
                        <Text size="xsmall" className="text-ui-fg-subtle">
                          {t(`overview.signals.kinds.${s.kind}`, {
                            value: signalValue(s.kind, s.value),
                            threshold: signalValue(s.kind, s.threshold),
                          })}
                        </Text>
                      </div>
                      <Badge size="2xsmall" color="orange">
                        {s.since
                          ? t("overview.signals.since", {
                              since: formatDateTime(s.since, locale),
                            })
                          : t(`overview.signals.short.${s.kind}`)}
                      </Badge>
                    </li>
                  ))}
                </ul>
              )}
            </Container>
          </div>
        </>
      )}
    </div>
  )
}

export const config = defineRouteConfig({
  label: "overview.nav",
  translationNs: "shoppable",
  rank: 1,
})

export default OverviewPage
