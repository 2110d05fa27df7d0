import { Text } from "@medusajs/ui"
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts"
import { useLocale, useT } from "./i18n"
import { formatCount, formatMoney } from "./money"
import { inCurrency, type Report } from "./report"

/*
 * Time series of a report, drawn with recharts (maintained, React-first,
 * SVG, and what several Medusa admin plugins already use, so merchants see
 * familiar charts). Decimal strings become numbers only to place points on
 * the chart; every figure shown as text (axis ticks aside) is the API's
 * exact string, formatted.
 */

function bucketLabel(
  iso: string,
  interval: Report["range"]["interval"],
  locale: string
): string {
  const d = new Date(iso)
  if (interval === "hour") {
    return new Intl.DateTimeFormat(locale, {
      day: "numeric",
      hour: "numeric",
    }).format(d)
  }
  if (interval === "month") {
    return new Intl.DateTimeFormat(locale, {
      month: "short",
      year: "2-digit",
    }).format(d)
  }
  return new Intl.DateTimeFormat(locale, {
    month: "short",
    day: "numeric",
  }).format(d)
}

const COLORS = {
  a: "var(--fg-interactive, #3b82f6)",
  b: "var(--tag-green-icon, #10b981)",
}

/**
 * One bucket per point: `bar` drawn as bars, `line` as a line, both named
 * by `common.chart.<key>`; `format` writes a point's value for the tooltip.
 */
function BarLineChart<Row extends { label: string }>({
  data,
  bar,
  line,
  format,
  testId,
  money = false,
}: {
  data: Row[]
  bar: string
  line: string
  format: (value: number, key: string, row: Row) => string
  testId: string
  /** Money axes: decimal ticks and room for them. */
  money?: boolean
}) {
  const t = useT()
  return (
    <div className="h-[240px] w-full" data-testid={testId}>
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart
          data={data}
          margin={{ top: 8, right: 8, left: money ? 8 : 0, bottom: 0 }}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} minTickGap={16} />
          <YAxis
            allowDecimals={money}
            tick={{ fontSize: 11 }}
            width={money ? 56 : 40}
          />
          <Tooltip
            formatter={(v, name, item) => [
              format(Number(v), String(name), item.payload as Row),
              t(`common.chart.${String(name)}`),
            ]}
          />
          <Legend
            wrapperStyle={{ fontSize: 12 }}
            formatter={(name) => t(`common.chart.${String(name)}`)}
          />
          <Bar
            dataKey={bar}
            fill={COLORS.a}
            radius={[3, 3, 0, 0]}
            isAnimationActive={false}
          />
          <Line
            dataKey={line}
            stroke={COLORS.b}
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
            type="monotone"
          />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  )
}

/** Clicks (bars) and orders (line) per bucket. */
export function CountsChart({ report }: { report: Report }) {
  const locale = useLocale()
  const data = report.series.map((b) => ({
    label: bucketLabel(b.start, report.range.interval, locale),
    clicks: b.clicks,
    orders: b.orders ?? 0,
  }))
  return (
    <BarLineChart
      data={data}
      bar="clicks"
      line="orders"
      format={(v) => formatCount(v, locale)}
      testId="chart-counts"
    />
  )
}

/** Sales (bars) and net commission (line) per bucket, in one currency. */
export function MoneyChart({
  report,
  currency,
}: {
  report: Report
  currency: string
}) {
  const t = useT()
  const locale = useLocale()
  const data = report.series.map((b) => {
    const c = inCurrency(b, currency)
    return {
      label: bucketLabel(b.start, report.range.interval, locale),
      sales: Number(c?.sales ?? 0),
      net: Number(c?.net ?? 0),
      // The exact strings, for the tooltip.
      salesText: c?.sales ?? "0",
      netText: c?.net ?? "0",
    }
  })
  if (!data.length) {
    return (
      <Text size="small" className="text-ui-fg-muted">
        {t("common.chart.empty")}
      </Text>
    )
  }
  return (
    <BarLineChart
      data={data}
      bar="sales"
      line="net"
      format={(_v, key, row) =>
        formatMoney(
          key === "sales" ? row.salesText : row.netText,
          currency,
          locale
        )
      }
      testId={`chart-money-${currency}`}
      money
    />
  )
}
