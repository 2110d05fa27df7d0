import type { Metadata } from "next"
import type { CommissionEntryStatus } from "@shoppable-notes/client"
import { getAuthHeaders, requireBuyer } from "@/lib/auth"
import { formatDate, formatMoney } from "@/lib/format"
import { notesClient } from "@/lib/medusa"
import { offsetParam, Pager } from "../_components/pager"
import { Balances } from "../_components/stats"
import { StatusBadge } from "../_components/status-badge"
import styles from "../account.module.css"

export const metadata: Metadata = { title: "Your commissions" }

const STATUSES: { value: CommissionEntryStatus; label: string }[] = [
  { value: "pending", label: "Pending (in the hold period)" },
  { value: "approved", label: "Approved (payable)" },
  { value: "on_hold", label: "On hold" },
  { value: "paid", label: "Paid" },
  { value: "void", label: "Void" },
]

const LIMIT = 20

const isStatus = (v: unknown): v is CommissionEntryStatus =>
  STATUSES.some((s) => s.value === v)

/**
 * The buyer's ledger (`GET /store/buyers/me/commissions`), newest first,
 * filtered by status and paged, under the balance per currency.
 */
export default async function CommissionsPage({
  searchParams,
}: {
  searchParams: Promise<{ status?: string; offset?: string }>
}) {
  const params = await searchParams
  const status = isStatus(params.status) ? params.status : undefined
  const offset = offsetParam(params.offset)
  const query = (o: number) =>
    `/account/commissions?${new URLSearchParams({
      ...(status ? { status } : {}),
      ...(o ? { offset: String(o) } : {}),
    })}`
  await requireBuyer(query(offset))
  const auth = await getAuthHeaders()
  const [{ balances }, list] = await Promise.all([
    notesClient.me.balance.retrieve(auth),
    notesClient.me.commissions.list({ status, limit: LIMIT, offset }, auth),
  ])
  return (
    <>
      <h1 className={styles.pageTitle}>Your commissions</h1>
      <section aria-labelledby="balance">
        <h2 id="balance" className={styles.sectionTitle}>
          Balance
        </h2>
        <Balances balances={balances} empty="Nothing earned yet." />
      </section>

      <section aria-labelledby="entries">
        <h2 id="entries" className={styles.sectionTitle}>
          Entries
        </h2>
        <form method="get" className={styles.filters}>
          <div className={styles.field}>
            <label htmlFor="status">Status</label>
            <select id="status" name="status" defaultValue={status ?? ""}>
              <option value="">Every status</option>
              {STATUSES.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </select>
          </div>
          <button
            type="submit"
            className={`${styles.secondary} ${styles.inline}`}
          >
            Show
          </button>
        </form>
        {list.totals.length > 0 && (
          <p className={styles.muted}>
            {status ? `${status.replace("_", " ")}: ` : "In all: "}
            {list.totals
              .map((t) => formatMoney(t.amount, t.currency_code))
              .join(", ")}
          </p>
        )}
        {list.commissions.length === 0 ? (
          <p className={styles.muted}>No commissions here.</p>
        ) : (
          <div className={styles.tableWrap}>
            <table className={styles.table}>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Status</th>
                  <th scope="col" className={styles.num}>
                    Amount
                  </th>
                  <th scope="col">Order</th>
                </tr>
              </thead>
              <tbody>
                {list.commissions.map((c) => (
                  <tr key={c.id}>
                    <td>{formatDate(c.created_at)}</td>
                    <td>
                      {c.type}
                      {c.type === "reversal" && c.reason
                        ? ` (${c.reason})`
                        : ""}
                    </td>
                    <td>
                      <StatusBadge status={c.status} />
                      {c.status === "pending" && c.available_at && (
                        <div className={styles.hint}>
                          payable from {formatDate(c.available_at)}
                        </div>
                      )}
                    </td>
                    <td className={styles.num}>
                      {formatMoney(c.amount, c.currency_code)}
                    </td>
                    <td>
                      <span className={styles.mono}>{c.order_id ?? "—"}</span>
                      {c.note_id && (
                        <div className={styles.hint}>
                          <a href={`/notes/${c.note_id}`}>through a note</a>
                        </div>
                      )}
                    </td>
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
          href={query}
          noun="entries"
        />
      </section>
    </>
  )
}
