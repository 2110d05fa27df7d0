import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { COMMISSION_MODULE } from "../../../../../modules/commission"
import type CommissionModuleService from "../../../../../modules/commission/service"
import { fetchBuyerOrThrow } from "../../../../utils/buyers-read"
import { payoutAccountView } from "../../../../utils/payout-account-read"

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
  const service = req.scope.resolve<CommissionModuleService>(COMMISSION_MODULE)
  const provider = service.getPayoutProvider().id
  const [account] = await service.listPayoutAccounts({
    buyer_id: buyer.id,
    provider,
  })
  const a = account as unknown as Record<string, unknown> | undefined
  res.json({
    provider,
    payout_account: a
      ? { ...payoutAccountView(a), updated_at: a.updated_at ?? null }
      : null,
  })
}
