import type { Metadata } from "next"
import type { ReactNode } from "react"
import { setQuantity } from "@/lib/actions"
import { retrieveCart } from "@/lib/cart"
import { formatPrice } from "@/lib/format"
import { TotalsTable } from "@/lib/totals"
import styles from "../shop.module.css"

export const metadata: Metadata = {
  title: "Cart",
  robots: { index: false },
}

const name = (item: { product_title?: string | null; title: string }) =>
  item.product_title ?? item.title

/** A button that sets a line's quantity (0 removes it); no script needed. */
function SetQuantity({
  line,
  to,
  label,
  className,
  children,
}: {
  line: string
  to: number
  label: string
  className: string
  children: ReactNode
}) {
  return (
    <form action={setQuantity}>
      <input type="hidden" name="line_id" value={line} />
      <input type="hidden" name="quantity" value={to} />
      <button type="submit" className={className} aria-label={label}>
        {children}
      </button>
    </form>
  )
}

export default async function CartPage() {
  const cart = await retrieveCart()
  const items = [...(cart?.items ?? [])].sort((a, b) =>
    String(a.created_at ?? "").localeCompare(String(b.created_at ?? ""))
  )

  if (!cart || items.length === 0) {
    return (
      <main className={styles.narrow}>
        <h1 className={styles.pageTitle}>Your cart</h1>
        <p className={styles.muted}>Your cart is empty.</p>
        <a href="/" className={styles.secondary}>
          Discover notes
        </a>
      </main>
    )
  }
  const money = (n: number) => formatPrice(n, cart.currency_code, "en")

  return (
    <main className={styles.narrow}>
      <h1 className={styles.pageTitle}>Your cart</h1>
      <ul className={styles.lines} aria-label="Items">
        {items.map((item) => (
          <li key={item.id} className={styles.line}>
            {item.thumbnail ? (
              <img src={item.thumbnail} alt="" className={styles.lineThumb} />
            ) : (
              <span className={styles.lineThumb} aria-hidden="true" />
            )}
            <div className={styles.lineInfo}>
              <a
                href={`/products/${item.product_handle ?? ""}`}
                className={styles.lineTitle}
              >
                {name(item)}
              </a>
              {item.variant_title && (
                <span className={styles.muted}>{item.variant_title}</span>
              )}
              <span className={styles.muted}>
                {money(item.unit_price)} each
              </span>
              <div className={styles.qty}>
                <SetQuantity
                  line={item.id}
                  to={item.quantity - 1}
                  label={`One fewer ${name(item)}`}
                  className={styles.qtyButton}
                >
                  −
                </SetQuantity>
                <span aria-label="Quantity">{item.quantity}</span>
                <SetQuantity
                  line={item.id}
                  to={item.quantity + 1}
                  label={`One more ${name(item)}`}
                  className={styles.qtyButton}
                >
                  +
                </SetQuantity>
                <SetQuantity
                  line={item.id}
                  to={0}
                  label={`Remove ${name(item)}`}
                  className={styles.linkButton}
                >
                  Remove
                </SetQuantity>
              </div>
            </div>
            <span className={styles.lineTotal}>
              {money(item.subtotal ?? item.unit_price * item.quantity)}
            </span>
          </li>
        ))}
      </ul>
      <TotalsTable totals={cart} />
      <a href="/checkout" className={styles.primary}>
        Checkout
      </a>
    </main>
  )
}
