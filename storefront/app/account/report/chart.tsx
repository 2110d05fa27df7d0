import type { StoreReportResponse } from "@shoppable-notes/client"
import styles from "../account.module.css"

type Bucket = StoreReportResponse["series"][number]

/** Drawn twice, for phones and for wider screens; CSS shows one. */
const SIZES = {
  narrow: { w: 340, h: 200, font: 11, className: styles.chartNarrow },
  wide: { w: 720, h: 240, font: 12, className: styles.chartWide },
}
const PAD = { top: 16, right: 12, bottom: 28, left: 36 }
const CLICKS = "#5b6b8c"
const ORDERS = "#d70022"

/** A round upper bound for the axis: 1, 2, 5, 10, 20, 50, … */
function niceMax(n: number): number {
  if (n <= 1) {
    return 1
  }
  const p = 10 ** Math.floor(Math.log10(n))
  return [1, 2, 5, 10].map((m) => m * p).find((m) => m >= n) ?? 10 * p
}

/**
 * Clicks and orders per day as grouped bars, drawn on the server (no
 * script). For assistive technology: an `img` with a title and a summary,
 * and the same figures as a table (`ReportTable`) right after it.
 */
export function ReportChart({
  series,
  label,
}: {
  series: Bucket[]
  /** Formats a bucket's start for the axis. */
  label: (iso: string) => string
}) {
  return (
    <figure style={{ margin: 0 }}>
      <Bars series={series} label={label} size="narrow" />
      <Bars series={series} label={label} size="wide" />
      <figcaption>
        <ul className={styles.legend}>
          <li>
            <span
              className={styles.swatch}
              style={{ background: CLICKS }}
              aria-hidden="true"
            />
            Clicks
          </li>
          <li>
            <span
              className={styles.swatch}
              style={{ background: ORDERS }}
              aria-hidden="true"
            />
            Orders
          </li>
        </ul>
      </figcaption>
    </figure>
  )
}

function Bars({
  series,
  label,
  size,
}: {
  series: Bucket[]
  label: (iso: string) => string
  size: keyof typeof SIZES
}) {
  const { w: W, h: H, font, className } = SIZES[size]
  const id = `chart-${size}`
  const max = niceMax(
    Math.max(0, ...series.map((b) => Math.max(b.clicks, b.orders ?? 0)))
  )
  const plotW = W - PAD.left - PAD.right
  const plotH = H - PAD.top - PAD.bottom
  const step = plotW / Math.max(series.length, 1)
  const bar = Math.max(1, Math.min(14, step * 0.4))
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH
  const clicks = series.reduce((n, b) => n + b.clicks, 0)
  const orders = series.reduce((n, b) => n + (b.orders ?? 0), 0)
  // First, middle and last day on the axis.
  const ticks = [
    ...new Set([0, Math.floor((series.length - 1) / 2), series.length - 1]),
  ]
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      className={`${styles.chart} ${className}`}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
    >
      <title id={`${id}-title`}>Clicks and orders per day</title>
      <desc id={`${id}-desc`}>
        {`${series.length} days from ${label(series[0]?.start ?? "")} to ${label(series.at(-1)?.start ?? "")}: ${clicks} clicks and ${orders} orders in all; the busiest day had ${Math.max(0, ...series.map((b) => b.clicks))} clicks. The table below has every day.`}
      </desc>
      {(max % 2 ? [0, max] : [0, max / 2, max]).map((v) => (
        <g key={v}>
          <line
            x1={PAD.left}
            x2={W - PAD.right}
            y1={y(v)}
            y2={y(v)}
            stroke="#e2e2e2"
          />
          <text
            x={PAD.left - 6}
            y={y(v) + 4}
            textAnchor="end"
            fontSize={font}
            fill="#555"
          >
            {v}
          </text>
        </g>
      ))}
      {series.map((b, i) => {
        const x = PAD.left + i * step + step / 2
        return (
          <g key={b.start}>
            <rect
              x={x - bar}
              y={y(b.clicks)}
              width={bar}
              height={y(0) - y(b.clicks)}
              fill={CLICKS}
            />
            <rect
              x={x}
              y={y(b.orders ?? 0)}
              width={bar}
              height={y(0) - y(b.orders ?? 0)}
              fill={ORDERS}
            />
          </g>
        )
      })}
      {series.length > 0 &&
        ticks.map((i) => (
          <text
            key={i}
            x={PAD.left + i * step + step / 2}
            y={H - 8}
            textAnchor={
              i === 0 ? "start" : i === series.length - 1 ? "end" : "middle"
            }
            fontSize={font}
            fill="#555"
          >
            {label(series[i].start)}
          </text>
        ))}
    </svg>
  )
}

/** The chart's figures, day by day, behind a disclosure. */
export function ReportTable({
  series,
  label,
}: {
  series: Bucket[]
  label: (iso: string) => string
}) {
  return (
    <details className={styles.details}>
      <summary>The chart as a table</summary>
      <div className={styles.tableWrap}>
        <table className={styles.table}>
          <caption>Clicks and orders per day</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col" className={styles.num}>
                Clicks
              </th>
              <th scope="col" className={styles.num}>
                Orders
              </th>
            </tr>
          </thead>
          <tbody>
            {series.map((b) => (
              <tr key={b.start}>
                <th scope="row">{label(b.start)}</th>
                <td className={styles.num}>{b.clicks}</td>
                <td className={styles.num}>{b.orders ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  )
}
