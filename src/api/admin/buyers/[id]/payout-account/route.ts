import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { fetchBuyerOrThrow } from "../../../../utils/buyers-read"
import {
  payoutAccountView,
  readPayoutAccount,
} from "../../../../utils/payout-account-read"

/**
 * `GET /admin/buyers/{id}/payout-account` → `{ provider, payout_account }`:
 * how the store pays this buyer and their account's state, as the buyer
 * sees it on `GET /store/buyers/me/payout-account` (null before onboarding;
 * always null for manual payouts). 404 for an unknown buyer.
 */
export async function GET(
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) {
  const buyer = await fetchBuyerOrThrow(
    req.scope,
    { id: req.params.id },
    `Buyer with id: ${req.params.id} was not found`
  )
  const { provider, account: a } = await readPayoutAccount(req.scope, buyer.id)
  res.json({
    provider,
    payout_account: a
      ? { ...payoutAccountView(a), updated_at: a.updated_at ?? null }
      : null,
  })
}
