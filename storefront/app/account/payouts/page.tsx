import type { Metadata } from "next"
import { getAuthHeaders, requireBuyer } from "@/lib/auth"
import { notesClient } from "@/lib/medusa"
import { OnboardingButton } from "../_components/onboarding-button"
import { Stats } from "../_components/stats"
import { StatusBadge } from "../_components/status-badge"
import styles from "../account.module.css"

export const metadata: Metadata = { title: "Payouts" }

/**
 * How the store pays the buyer (`GET /store/buyers/me/payout-account`):
 * by hand (nothing to set up), or through a provider account (Stripe)
 * whose onboarding link the button fetches.
 */
export default async function PayoutsPage() {
  const buyer = await requireBuyer("/account/payouts")
  const { provider, payout_account: account } =
    await notesClient.me.payoutAccount.retrieve(await getAuthHeaders())
  return (
    <>
      <h1 className={styles.pageTitle}>Payouts</h1>
      {provider === "manual" ? (
        <div className={styles.card}>
          <p style={{ marginTop: 0 }}>
            <strong>Payouts are handled by the merchant.</strong>
          </p>
          <p className={styles.muted} style={{ marginBottom: 0 }}>
            The store pays your settlements itself: there is no payout account
            to set up here. Your statements are under{" "}
            <a href="/account/settlements" className={styles.link}>
              Settlements
            </a>
            .
          </p>
        </div>
      ) : (
        <div className={styles.stack}>
          <Stats
            small
            items={[
              ["Provider", provider],
              ["Details submitted", account?.details_submitted ? "Yes" : "No"],
              [
                "Payouts",
                <StatusBadge
                  key="payouts"
                  status={account?.payouts_enabled ? "enabled" : "not enabled"}
                />,
              ],
            ]}
          />
          {account?.disabled_reason && (
            <p className={styles.card}>
              The provider needs more from you: {account.disabled_reason}
            </p>
          )}
          {account?.last_payout_failure && (
            <p className={styles.card}>
              The last payout failed: {account.last_payout_failure}
            </p>
          )}
          {buyer.status === "approved" ? (
            <OnboardingButton
              label={
                account
                  ? "Update your payout details"
                  : "Set up your payout account"
              }
            />
          ) : (
            <p className={styles.muted}>
              You can set up payouts once the store approves you.
            </p>
          )}
        </div>
      )}
    </>
  )
}
