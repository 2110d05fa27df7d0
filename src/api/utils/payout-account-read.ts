import type { MedusaContainer } from "@medusajs/framework/types"
import { COMMISSION_MODULE } from "../../modules/commission"
import type CommissionModuleService from "../../modules/commission/service"

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

/**
 * How the store pays buyer `buyerId` (the payout provider's id) and the
 * buyer's account row with that provider, if they have one.
 */
export async function readPayoutAccount(
  scope: MedusaContainer,
  buyerId: string
): Promise<{
  provider: string
  account: Record<string, unknown> | undefined
}> {
  const service = scope.resolve<CommissionModuleService>(COMMISSION_MODULE)
  const provider = service.getPayoutProvider().id
  const [account] = await service.listPayoutAccounts({
    buyer_id: buyerId,
    provider,
  })
  return {
    provider,
    account: account as unknown as Record<string, unknown> | undefined,
  }
}
