import type { Metadata } from "next"
import { notFound } from "next/navigation"
import { httpStatus, sdk } from "@/lib/medusa"
import { Summary } from "@/lib/totals"
import styles from "../../../shop.module.css"

export const metadata: Metadata = {
  title: "Order confirmed",
  robots: { index: false },
}

type Props = { params: Promise<{ id: string }> }

async function getOrder(id: string) {
  try {
    const { order } = await sdk.store.order.retrieve(id, {
      fields: "*items,+display_id,+email,*shipping_address",
    })
    return order
  } catch (e) {
    const status = httpStatus(e)
    if (status === 404 || status === 400) {
      return null
    }
    throw e
  }
}

export default async function OrderConfirmed({ params }: Props) {
  const order = await getOrder((await params).id)
  if (!order) {
    notFound()
  }
  const a = order.shipping_address

  return (
    <main className={styles.narrow}>
      <h1 className={styles.pageTitle}>Thank you! Your order is confirmed</h1>
      <p>
        Order <strong>#{order.display_id}</strong>. A confirmation goes to{" "}
        <strong>{order.email}</strong>.
      </p>
      {a && (
        <p className={styles.muted}>
          Delivering to {a.first_name} {a.last_name}, {a.address_1},{" "}
          {a.postal_code} {a.city}
        </p>
      )}
      <h2 className={styles.sectionTitle}>Items</h2>
      <Summary of={order} />
      <a href="/" className={styles.secondary}>
        Keep reading notes
      </a>
    </main>
  )
}
