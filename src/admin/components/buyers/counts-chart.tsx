import { useLocale, useT } from "../../lib/i18n"
import type { Report } from "./buyer-report"

/**
 * Clicks (bars) and orders (line) per bucket of a report, as a small SVG
 * (counts only: money stays in the KPI cards as exact strings).
 */
export const CountsChart = ({ report }: { report: Report }) => {
  const t = useT()
  const locale = useLocale()
  const series = report.series
  const W = 720
  const H = 180
  const pad = 24
  const max = Math.max(
    1,
    ...series.map((s) => s.clicks),
    ...series.map((s) => s.orders)
  )
  const step = (W - pad * 2) / Math.max(1, series.length)
  const y = (v: number) => H - pad - (v / max) * (H - pad * 2)
  const points = series
    .map((s, i) => `${pad + step * i + step / 2},${y(s.orders)}`)
    .join(" ")
  return (
    <figure data-testid="chart-counts">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        className="h-44 w-full"
        role="img"
        aria-label={`${t("buyers.chart.clicks")} / ${t("buyers.chart.orders")}`}
      >
        <line
          x1={pad}
          x2={W - pad}
          y1={H - pad}
          y2={H - pad}
          stroke="currentColor"
          className="text-ui-border-base"
        />
        {series.map((s, i) => (
          <rect
            key={s.start}
            x={pad + step * i + step * 0.15}
            width={step * 0.7}
            y={y(s.clicks)}
            height={H - pad - y(s.clicks)}
            fill="currentColor"
            className="text-ui-fg-interactive opacity-40"
          >
            <title>
              {new Date(s.start).toLocaleDateString(locale)}: {s.clicks}{" "}
              {t("buyers.chart.clicks")}, {s.orders} {t("buyers.chart.orders")}
            </title>
          </rect>
        ))}
        <polyline
          points={points}
          fill="none"
          strokeWidth={2}
          stroke="currentColor"
          className="text-ui-tag-green-icon"
        />
        <text
          x={pad}
          y={14}
          fontSize={10}
          fill="currentColor"
          className="text-ui-fg-muted"
        >
          {max}
        </text>
      </svg>
      <figcaption className="text-ui-fg-subtle txt-compact-xsmall flex gap-x-4">
        <span className="flex items-center gap-x-1">
          <span className="bg-ui-fg-interactive inline-block h-2 w-3 opacity-40" />
          {t("buyers.chart.clicks")}
        </span>
        <span className="flex items-center gap-x-1">
          <span className="bg-ui-tag-green-icon inline-block h-0.5 w-3" />
          {t("buyers.chart.orders")}
        </span>
      </figcaption>
    </figure>
  )
}
