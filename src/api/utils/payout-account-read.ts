/**
 * A payout account row as the routes answer it (`GET
 * /store/buyers/me/payout-account`, the admin's view of the same); null
 * before onboarding.
 */
export const payoutAccountView = (
  a: Record<string, unknown> | undefined | null
) =>
  a
    ? {
        provider: a.provider,
        account_id: a.account_id,
        payouts_enabled: a.payouts_enabled,
        details_submitted: a.details_submitted,
        disabled_reason: a.disabled_reason ?? null,
        last_payout_failure: a.last_payout_failure ?? null,
      }
    : null
