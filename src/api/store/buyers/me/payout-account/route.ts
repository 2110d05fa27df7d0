import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { createPayoutOnboardingWorkflow } from "../../../../../workflows"
import { withKnownErrors } from "../../../../utils/known-errors"
import { fetchMyBuyer } from "../../../../utils/buyers-read"
import {
  payoutAccountView,
  readPayoutAccount,
} from "../../../../utils/payout-account-read"

/**
 * `GET /store/buyers/me/payout-account` → `{ provider, payout_account }`:
 * how the store pays the caller and their account's state (null before
 * onboarding; always null for manual payouts).
 */
export async function GET(
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) {
  const buyer = await fetchMyBuyer(req.scope, req.auth_context.actor_id)
  const { provider, account } = await readPayoutAccount(req.scope, buyer.id)
  res.json({ provider, payout_account: payoutAccountView(account) })
}

/**
 * `POST /store/buyers/me/payout-account` → `{ payout_account, onboarding_url,
 * expires_at }`: creates the caller's Stripe Express account on first call
 * and answers a fresh onboarding link. 409 when the store pays manually,
 * 400 when the buyer is suspended; 502 if Stripe does not answer.
 */
export async function POST(
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) {
  await withKnownErrors(res, async () => {
    const { result } = await createPayoutOnboardingWorkflow(req.scope).run({
      input: { customer_id: req.auth_context.actor_id },
    })
    res.json({
      payout_account: payoutAccountView(
        result.account as unknown as Record<string, unknown>
      ),
      onboarding_url: result.link.url,
      expires_at: result.link.expires_at,
    })
  })
}
