import type { Metadata } from "next"
import type { StoreMyPromoCodesResponse } from "@shoppable-notes/client"
import { getAuthHeaders, getBuyer, requireCustomer } from "@/lib/auth"
import { notesClient, sdk } from "@/lib/medusa"
import { ApplyForm } from "./_components/apply-form"
import { PromoCodes } from "./_components/promo-codes"
import { Balances } from "./_components/stats"
import { StatusBadge } from "./_components/status-badge"
import styles from "./account.module.css"

export const metadata: Metadata = { title: "Your account" }

/**
 * The account's home: the apply form before the customer is a buyer, the
 * application's state while it waits, the balance once approved.
 */
export default async function AccountPage() {
  const customer = await requireCustomer("/account")
  const buyer = await getBuyer()
  const name = customer.first_name || customer.email
  if (!buyer) {
    return (
      <>
        <h1 className={styles.pageTitle}>Hello, {name}</h1>
        <section aria-labelledby="apply" className={styles.card}>
          <h2 id="apply" className={styles.sectionTitle}>
            Become a buyer
          </h2>
          <p className={styles.muted}>
            Buyers write notes about what they bought, and earn a commission
            when someone buys through them. The store reviews each application.
          </p>
          <ApplyForm />
        </section>
      </>
    )
  }
  const headers = await getAuthHeaders()
  const [{ balances }, { promo_codes }] =
    buyer.status === "approved"
      ? await Promise.all([
          notesClient.me.balance.retrieve(headers),
          sdk.client.fetch<StoreMyPromoCodesResponse>(
            "/store/buyers/me/promo-codes",
            { headers }
          ),
        ])
      : [{ balances: [] }, { promo_codes: [] }]
  return (
    <>
      <h1 className={styles.pageTitle}>{buyer.display_name}</h1>
      <p>
        @{buyer.handle} · <StatusBadge status={buyer.status} />
      </p>
      {buyer.status === "pending" && (
        <p className={styles.card}>
          Your application is waiting for the store&apos;s review. You can
          already write draft notes; they can be published once you are
          approved.
        </p>
      )}
      {buyer.status === "suspended" && (
        <p className={styles.card}>
          Your buyer account is suspended
          {buyer.suspended_reason ? `: ${buyer.suspended_reason}` : "."} Your
          buy links do not earn until the store lifts it.
        </p>
      )}
      {buyer.status === "approved" && (
        <section aria-labelledby="balance">
          <h2 id="balance" className={styles.sectionTitle}>
            Balance
          </h2>
          <Balances
            balances={balances}
            empty="No commissions yet: share your notes' buy links."
          />
          <p className={styles.switch}>
            <a href="/account/report">See your report</a> ·{" "}
            <a href="/account/commissions">Commissions</a> ·{" "}
            <a href="/account/notes">Write a note</a>
          </p>
        </section>
      )}
      {buyer.status === "approved" && <PromoCodes codes={promo_codes} />}
    </>
  )
}
