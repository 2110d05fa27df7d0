import { formatPrice } from "./format"
import styles from "@/app/(shop)/shop.module.css"

type Line = {
  id: string
  title: string
  product_title?: string | null
  variant_title?: string | null
  quantity: number
  unit_price: number
  subtotal?: number | null
}

/** The lines of a cart or an order, then its totals. */
export function Summary({ of }: { of: Totals & { items?: Line[] | null } }) {
  return (
    <>
      <ul className={styles.summaryLines}>
        {(of.items ?? []).map((item) => (
          <li key={item.id}>
            <span>
              {item.product_title ?? item.title}
              {item.variant_title ? ` (${item.variant_title})` : ""} ×{" "}
              {item.quantity}
            </span>
            <span>
              {formatPrice(
                item.subtotal ?? item.unit_price * item.quantity,
                of.currency_code,
                "en"
              )}
            </span>
          </li>
        ))}
      </ul>
      <TotalsTable totals={of} />
    </>
  )
}

type Totals = {
  currency_code: string
  subtotal?: number | null
  item_subtotal?: number | null
  shipping_total?: number | null
  discount_total?: number | null
  tax_total?: number | null
  total?: number | null
}

/** A cart's or an order's totals, as Medusa computed them. */
export function TotalsTable({ totals }: { totals: Totals }) {
  const money = (n: number | null | undefined) =>
    formatPrice(n ?? 0, totals.currency_code, "en")
  const rows: [string, number | null | undefined][] = [
    ["Subtotal", totals.item_subtotal ?? totals.subtotal],
    ["Shipping", totals.shipping_total],
    ...(totals.discount_total
      ? ([["Discount", -totals.discount_total]] as [string, number][])
      : []),
    ["Taxes", totals.tax_total],
  ]
  return (
    <dl className={styles.totals}>
      {rows.map(([label, n]) => (
        <div key={label} className={styles.totalRow}>
          <dt>{label}</dt>
          <dd>{money(n)}</dd>
        </div>
      ))}
      <div className={`${styles.totalRow} ${styles.grandTotal}`}>
        <dt>Total</dt>
        <dd>{money(totals.total)}</dd>
      </div>
    </dl>
  )
}
