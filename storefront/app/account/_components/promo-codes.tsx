import type { StoreMyPromoCode } from "@shoppable-notes/client"
import { formatDate, formatMoney } from "@/lib/format"
import { CopyCodeButton } from "./copy-code-button"
import styles from "./promo-codes.module.css"

export type MyPromoCode = StoreMyPromoCode

function discountOf(c: MyPromoCode): string {
  return c.discount.type === "percentage"
    ? `${c.discount.value}% off`
    : `${formatMoney(c.discount.value, c.discount.currency_code ?? "eur")} off`
}

/**
 * The buyer's personal promo codes: the code (selectable, with a copy
 * button), the discount, uses and dates. Orders that use a code are
 * credited to the buyer.
 */
export function PromoCodes({ codes }: { codes: MyPromoCode[] }) {
  return (
    <section aria-labelledby="promo-codes">
      <h2 id="promo-codes" className={styles.title}>
        Your promo codes
      </h2>
      {codes.length === 0 ? (
        <p className={styles.muted}>
          No promo code yet: the store can give you one to share with your
          readers.
        </p>
      ) : (
        <>
          <p className={styles.muted}>
            Share a code: orders that use it are credited to you, even without a
            buy link.
          </p>
          <ul className={styles.list}>
            {codes.map((c) => (
              <li key={c.id} className={styles.item}>
                <div className={styles.codeRow}>
                  <code className={styles.code}>{c.code}</code>
                  <CopyCodeButton code={c.code} />
                </div>
                <p className={styles.meta}>
                  <strong>{discountOf(c)}</strong> the whole order ·{" "}
                  {c.usage_limit == null
                    ? `used ${c.uses} times`
                    : `used ${c.uses} of ${c.usage_limit} times`}
                  {c.starts_at || c.ends_at
                    ? ` · valid ${formatDate(c.starts_at)} – ${formatDate(c.ends_at)}`
                    : ""}
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}
