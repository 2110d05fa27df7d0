import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COMMISSION_MODULE } from "../../../modules/commission"
import type CommissionModuleService from "../../../modules/commission/service"
import { PayoutProviderUnavailable } from "../utils/payout-provider-unavailable"
import { ProviderNotSupportedError } from "../../../modules/commission/providers"
import type { PayoutAccountDTO } from "../../../types"

/** The recorded account: the answer's fields with its id and buyer. */
export type PayoutAccountView = PayoutAccountDTO & {
  id: string
  buyer_id: string
}

export const ensurePayoutAccountStepId = "ensure-payout-account"

/**
 * The buyer's account at the payout provider, created there (Stripe: an
 * Express account, one per buyer even if an answer is lost) and recorded
 * on first call; later calls refresh its state from the provider.
 * Compensation forgets a record this step made.
 *
 * @example
 * const account = ensurePayoutAccountStep({ buyer_id: "buyer_1", email: "a@b.c" })
 */
export const ensurePayoutAccountStep = createStep(
  ensurePayoutAccountStepId,
  async (input: { buyer_id: string; email: string | null }, { container }) => {
    const service =
      container.resolve<CommissionModuleService>(COMMISSION_MODULE)
    const provider = service.getPayoutProvider()
    if (!provider.needsAccount) {
      // Not the request's fault (it has no fields): the store's set-up.
      throw new MedusaError(
        MedusaError.Types.CONFLICT,
        "This store pays buyers manually: there is no payout account to set up"
      )
    }
    const [existing] = await service.listPayoutAccounts({
      buyer_id: input.buyer_id,
      provider: provider.id,
    })
    if (existing) {
      // Refresh from the provider: a webhook may have been missed (or come
      // before the account was recorded). A state sync: nothing to undo.
      let current
      try {
        current = await provider.retrieveAccount(existing.account_id)
      } catch (error) {
        throw new PayoutProviderUnavailable(error)
      }
      const updated = await service.updatePayoutAccounts({
        id: existing.id,
        payouts_enabled: current.payouts_enabled,
        details_submitted: current.details_submitted,
        disabled_reason: current.disabled_reason,
        // Events created before this read carry older state.
        metadata: {
          ...(existing.metadata ?? {}),
          provider_event_created: Math.floor(Date.now() / 1000),
        },
      })
      return new StepResponse(
        updated as unknown as PayoutAccountView,
        null as string | null
      )
    }
    let account
    try {
      account = await provider.createAccount(input)
    } catch (error) {
      if (error instanceof ProviderNotSupportedError) {
        throw new MedusaError(MedusaError.Types.NOT_ALLOWED, error.message)
      }
      throw new PayoutProviderUnavailable(error)
    }
    const created = await service.createPayoutAccounts({
      buyer_id: input.buyer_id,
      provider: provider.id,
      ...account,
    })
    return new StepResponse(
      created as unknown as PayoutAccountView,
      created.id as string | null
    )
  },
  async (createdId, { container }) => {
    if (createdId) {
      await container
        .resolve<CommissionModuleService>(COMMISSION_MODULE)
        .deletePayoutAccounts(createdId)
    }
  }
)
