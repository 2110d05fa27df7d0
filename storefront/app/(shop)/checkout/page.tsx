import type { Metadata } from "next"
import { redirect } from "next/navigation"
import { retrieveCart } from "@/lib/cart"
import { formatPrice } from "@/lib/format"
import { sdk } from "@/lib/medusa"
import { Summary } from "@/lib/totals"
import { AddressForm, PlaceOrderForm } from "./forms"
import styles from "../shop.module.css"

export const metadata: Metadata = {
  title: "Checkout",
  robots: { index: false },
}

/**
 * One page: contact and address first; once saved, the delivery options
 * the store offers for it (if any), the payment and "Place order".
 */
export default async function CheckoutPage() {
  const cart = await retrieveCart()
  if (!cart?.items?.length) {
    redirect("/cart")
  }
  const addressed = Boolean(cart.email && cart.shipping_address?.address_1)
  const { shipping_options } = addressed
    ? await sdk.store.fulfillment.listCartOptions({ cart_id: cart.id })
    : { shipping_options: [] }
  const money = (n: number) => formatPrice(n, cart.currency_code, "en")
  const countries = (cart.region?.countries ?? []).map((c) => ({
    code: c.iso_2 ?? "",
    name: c.display_name ?? c.iso_2 ?? "",
  }))
  const a = cart.shipping_address

  return (
    <main className={styles.narrow}>
      <h1 className={styles.pageTitle}>Checkout</h1>

      <section aria-labelledby="address-title" className={styles.step}>
        <h2 id="address-title" className={styles.sectionTitle}>
          1. Contact and delivery address
        </h2>
        <AddressForm
          countries={countries}
          values={{
            email: cart.email ?? "",
            first_name: a?.first_name ?? "",
            last_name: a?.last_name ?? "",
            address_1: a?.address_1 ?? "",
            postal_code: a?.postal_code ?? "",
            city: a?.city ?? "",
            country_code: a?.country_code ?? countries[0]?.code ?? "",
            phone: a?.phone ?? "",
          }}
        />
      </section>

      <section aria-labelledby="review-title" className={styles.step}>
        <h2 id="review-title" className={styles.sectionTitle}>
          2. Delivery and payment
        </h2>
        {addressed ? (
          <PlaceOrderForm
            options={shipping_options.map((o) => ({
              id: o.id,
              label: `${o.name} · ${money(o.amount ?? 0)}`,
            }))}
            chosen={cart.shipping_methods?.[0]?.shipping_option_id ?? null}
          />
        ) : (
          <p className={styles.muted}>Save your address first.</p>
        )}
      </section>

      <section aria-labelledby="summary-title" className={styles.step}>
        <h2 id="summary-title" className={styles.sectionTitle}>
          Order summary
        </h2>
        <Summary of={cart} />
      </section>
    </main>
  )
}
