import type { Metadata } from "next"
import type { ReportPreset } from "@shoppable-notes/client"
import { getAuthHeaders, requireBuyer } from "@/lib/auth"
import { formatMoney, formatPercent } from "@/lib/format"
import { notesClient } from "@/lib/medusa"
import styles from "../account.module.css"
import { Stats } from "../_components/stats"
import { ReportChart, ReportTable } from "./chart"

export const metadata: Metadata = { title: "Your report" }

const PRESETS = [
  { value: "7d", label: "7 days" },
  { value: "30d", label: "30 days" },
  { value: "90d", label: "90 days" },
] as const satisfies { value: ReportPreset; label: string }[]

type Preset = (typeof PRESETS)[number]["value"]

const isPreset = (v: unknown): v is Preset => PRESETS.some((p) => p.value === v)

/**
 * The buyer's report (`GET /store/buyers/me/report`, day by day, grouped
 * by note): totals (views → clicks → orders), a chart of clicks and
 * orders, and each note's figures.
 */
export default async function ReportPage({
  searchParams,
}: {
  searchParams: Promise<{ preset?: string }>
}) {
  const asked = (await searchParams).preset
  const preset: Preset = isPreset(asked) ? asked : "30d"
  await requireBuyer(`/account/report?preset=${preset}`)
  const report = await notesClient.me.report.retrieve(
    { preset, interval: "day", group_by: "note", order_by: "clicks" },
    await getAuthHeaders()
  )
  const { totals, range } = report
  const day = new Intl.DateTimeFormat("en", {
    month: "short",
    day: "numeric",
    timeZone: range.tz,
  })
  const label = (iso: string) => (iso ? day.format(new Date(iso)) : "")
  const dropped = Object.values(totals.dropped).reduce((a, b) => a + b, 0)
  return (
    <>
      <h1 className={styles.pageTitle}>Your report</h1>
      <nav aria-label="Period">
        <ul className={styles.tabs}>
          {PRESETS.map((p) => (
            <li key={p.value}>
              <a
                href={`/account/report?preset=${p.value}`}
                aria-current={p.value === preset ? "page" : undefined}
              >
                {p.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <p className={styles.muted}>
        {label(range.from)} to {label(range.to)} ({range.tz})
      </p>

      <section aria-labelledby="totals">
        <h2 id="totals" className={styles.sectionTitle}>
          Totals
        </h2>
        <Stats
          items={[
            ["Views", totals.views ?? 0],
            ["Clicks", totals.clicks],
            ["View-to-click rate", formatPercent(totals.view_ctr)],
            ["Orders", totals.orders ?? 0],
            ["Conversion", formatPercent(totals.conversion)],
          ]}
        />
        {dropped > 0 && (
          <p className={styles.muted}>
            {dropped} more {dropped === 1 ? "visit was" : "visits were"} not
            counted (crawlers, repeats and bursts earn nothing).
          </p>
        )}
        <div className={styles.stack} style={{ marginTop: 12 }}>
          {totals.currencies.map((c) => (
            <Stats
              key={c.currency_code}
              label={`Money in ${c.currency_code.toUpperCase()}`}
              items={(
                [
                  ["Sales", c.sales],
                  ["Net commission", c.net],
                  ["Pending", c.pending],
                  ["Approved", c.approved],
                  ["Paid", c.paid],
                ] as const
              ).map(([name, v]) => [name, formatMoney(v, c.currency_code)])}
            />
          ))}
        </div>
      </section>

      <section aria-labelledby="per-day">
        <h2 id="per-day" className={styles.sectionTitle}>
          Per day
        </h2>
        <ReportChart series={report.series} label={label} />
        <ReportTable series={report.series} label={label} />
      </section>

      <section aria-labelledby="per-note">
        <h2 id="per-note" className={styles.sectionTitle}>
          Per note
        </h2>
        {report.groups.length === 0 ? (
          <p className={styles.muted}>
            No clicks on your notes in this period.
          </p>
        ) : (
          <div className={styles.tableWrap}>
            <table className={styles.table}>
              <thead>
                <tr>
                  <th scope="col">Note</th>
                  <th scope="col" className={styles.num}>
                    Views
                  </th>
                  <th scope="col" className={styles.num}>
                    Clicks
                  </th>
                  <th scope="col" className={styles.num}>
                    Orders
                  </th>
                  <th scope="col" className={styles.num}>
                    Conversion
                  </th>
                  <th scope="col" className={styles.num}>
                    Net commission
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.groups.map((g) => (
                  <tr key={g.key ?? "none"}>
                    <th scope="row">
                      {g.key ? (
                        <a href={`/notes/${g.key}`}>{g.label ?? g.key}</a>
                      ) : (
                        "Your promo codes and adjustments"
                      )}
                    </th>
                    <td className={styles.num}>{g.views ?? 0}</td>
                    <td className={styles.num}>{g.clicks}</td>
                    <td className={styles.num}>{g.orders ?? 0}</td>
                    <td className={styles.num}>
                      {formatPercent(g.conversion)}
                    </td>
                    <td className={styles.num}>
                      {g.currencies.length
                        ? g.currencies
                            .map((c) => formatMoney(c.net, c.currency_code))
                            .join(", ")
                        : "—"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {report.count > report.groups.length && (
          <p className={styles.muted}>
            The {report.groups.length} notes with the most clicks of{" "}
            {report.count}.
          </p>
        )}
      </section>
    </>
  )
}
