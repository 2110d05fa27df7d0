import type { Metadata } from "next"
import { notFound } from "next/navigation"
import { getAuthHeaders, requireBuyer } from "@/lib/auth"
import { formatDate, formatMoney } from "@/lib/format"
import { httpStatus, notesClient } from "@/lib/medusa"
import { offsetParam, Pager } from "../../_components/pager"
import { Stats } from "../../_components/stats"
import { StatusBadge } from "../../_components/status-badge"
import styles from "../../account.module.css"

export const metadata: Metadata = { title: "Settlement" }

const LIMIT = 50

/**
 * One settlement (`GET /store/buyers/me/settlements/{id}`): its figures,
 * the statement to download and the entries it paid.
 */
export default async function SettlementPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>
  searchParams: Promise<{ offset?: string }>
}) {
  const { id } = await params
  const offset = offsetParam((await searchParams).offset)
  const base = `/account/settlements/${encodeURIComponent(id)}`
  const href = (o: number) => (o ? `${base}?offset=${o}` : base)
  await requireBuyer(href(offset))
  const found = await notesClient.me.settlements
    .retrieve(id, { limit: LIMIT, offset }, await getAuthHeaders())
    .catch((e: unknown) => {
      if (httpStatus(e) === 404 || httpStatus(e) === 400) {
        notFound()
      }
      throw e
    })
  const { settlement: s, entries } = found
  const money = (v: string) => formatMoney(v, s.currency_code)
  return (
    <>
      <p className={styles.muted}>
        <a href="/account/settlements">Settlements</a> /
      </p>
      <h1 className={styles.pageTitle}>Settlement of {money(s.amount)}</h1>
      <p>
        <StatusBadge status={s.status} />
      </p>
      <Stats
        small
        items={[
          [
            "Period",
            `${formatDate(s.period_start)} – ${formatDate(s.period_end)}`,
          ],
          ["Entries", String(s.entry_count)],
          ["Created", formatDate(s.created_at)],
          ["Paid", formatDate(s.paid_at)],
          ...(s.reversed_amount
            ? [["Taken back", money(s.reversed_amount)] as const]
            : []),
        ]}
      />
      {s.failure_reason && (
        <p className={styles.card}>The payout failed: {s.failure_reason}</p>
      )}
      <p>
        <a
          href={`${base}/statement`}
          className={`${styles.secondary} ${styles.inline}`}
          download
        >
          Download the statement (CSV)
        </a>
      </p>
      <section aria-labelledby="paid-entries">
        <h2 id="paid-entries" className={styles.sectionTitle}>
          What it paid
        </h2>
        <div className={styles.tableWrap}>
          <table className={styles.table}>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Kind</th>
                <th scope="col">Order</th>
                <th scope="col" className={styles.num}>
                  Amount
                </th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <td>{formatDate(e.created_at)}</td>
                  <td>{e.type}</td>
                  <td className={styles.mono}>{e.order_id ?? "—"}</td>
                  <td className={styles.num}>{money(e.amount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <Pager
          count={found.entries_count}
          limit={LIMIT}
          offset={offset}
          href={href}
          noun="entries"
        />
      </section>
    </>
  )
}
