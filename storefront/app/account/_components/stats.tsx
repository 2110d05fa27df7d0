import type { StoreBalance } from "@shoppable-notes/client"
import type { ReactNode } from "react"
import { formatMoney } from "@/lib/format"
import styles from "../account.module.css"

/** Figures as a description list of cards: `[label, value]` pairs. */
export function Stats({
  items,
  label,
  small,
}: {
  items: readonly (readonly [string, ReactNode])[]
  /** The list's accessible name (one per currency, say). */
  label?: string
  /** Values that are words or dates rather than one figure. */
  small?: boolean
}) {
  return (
    <dl className={styles.stats} aria-label={label}>
      {items.map(([name, value]) => (
        <div key={name} className={styles.stat}>
          <dt>{name}</dt>
          <dd className={small ? styles.small : undefined}>{value}</dd>
        </div>
      ))}
    </dl>
  )
}

/** The buyer's balance (`GET /store/buyers/me/balance`), one list per currency. */
export function Balances({
  balances,
  empty,
}: {
  balances: StoreBalance[]
  empty: string
}) {
  if (balances.length === 0) {
    return <p className={styles.muted}>{empty}</p>
  }
  return (
    <div className={styles.stack}>
      {balances.map((b) => (
        <Stats
          key={b.currency_code}
          label={`Balance in ${b.currency_code.toUpperCase()}`}
          items={(
            [
              ["Pending", b.pending],
              ["Approved", b.approved],
              ["On hold", b.on_hold],
              ["Payable now", b.payable],
              ["Paid", b.paid],
            ] as const
          ).map(([name, v]) => [name, formatMoney(v, b.currency_code)])}
        />
      ))}
    </div>
  )
}
