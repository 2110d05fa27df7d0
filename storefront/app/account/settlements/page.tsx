import type { Metadata } from "next"
import { getAuthHeaders, requireBuyer } from "@/lib/auth"
import { formatDate, formatMoney } from "@/lib/format"
import { notesClient } from "@/lib/medusa"
import { offsetParam, Pager } from "../_components/pager"
import { SKIP_REASONS } from "../_components/skip-reason"
import { StatusBadge } from "../_components/status-badge"
import styles from "../account.module.css"

export const metadata: Metadata = { title: "Your settlements" }

const LIMIT = 20

/**
 * The buyer's payouts (`GET /store/buyers/me/settlements`), newest first,
 * with why the last run did not pay them, each linking to its detail.
 */
export default async function SettlementsPage({
  searchParams,
}: {
  searchParams: Promise<{ offset?: string }>
}) {
  const offset = offsetParam((await searchParams).offset)
  const href = (o: number) =>
    o ? `/account/settlements?offset=${o}` : "/account/settlements"
  await requireBuyer(href(offset))
  const list = await notesClient.me.settlements.list(
    { limit: LIMIT, offset },
    await getAuthHeaders()
  )
  const paid = list.totals.filter((t) => t.status === "paid")
  return (
    <>
      <h1 className={styles.pageTitle}>Your settlements</h1>
      <p className={styles.muted}>
        A settlement pays your approved commissions of one currency. Each has a
        statement to download.
      </p>
      {paid.length > 0 && (
        <p>
          Paid so far:{" "}
          {paid.map((t) => formatMoney(t.amount, t.currency_code)).join(", ")}
        </p>
      )}
      {list.skipped.map((s) => (
        <p key={s.currency_code} className={styles.card}>
          The run of {formatDate(s.at)} did not pay your{" "}
          {formatMoney(s.amount, s.currency_code)}:{" "}
          {SKIP_REASONS[s.reason] ?? s.reason}.
        </p>
      ))}
      {list.settlements.length === 0 ? (
        <p className={styles.muted}>No settlements yet.</p>
      ) : (
        <div className={styles.tableWrap}>
          <table className={styles.table}>
            <thead>
              <tr>
                <th scope="col">Settlement</th>
                <th scope="col">Status</th>
                <th scope="col" className={styles.num}>
                  Amount
                </th>
                <th scope="col" className={styles.num}>
                  Entries
                </th>
              </tr>
            </thead>
            <tbody>
              {list.settlements.map((s) => (
                <tr key={s.id}>
                  <th scope="row">
                    <a href={`/account/settlements/${s.id}`}>
                      {formatDate(s.created_at)}
                    </a>
                    <div className={styles.hint}>
                      for {formatDate(s.period_start)} –{" "}
                      {formatDate(s.period_end)}
                    </div>
                  </th>
                  <td>
                    <StatusBadge status={s.status} />
                  </td>
                  <td className={styles.num}>
                    {formatMoney(s.amount, s.currency_code)}
                  </td>
                  <td className={styles.num}>{s.entry_count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager
        count={list.count}
        limit={LIMIT}
        offset={offset}
        href={href}
        noun="settlements"
      />
    </>
  )
}
