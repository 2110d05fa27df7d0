import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COMMISSION_MODULE } from "../../../modules/commission"
import type CommissionModuleService from "../../../modules/commission/service"
import { PayoutProviderUnavailable } from "../utils/payout-provider-unavailable"

export const createOnboardingLinkStepId = "create-payout-onboarding-link"

/**
 * A fresh onboarding link for the buyer's provider account (Stripe: an
 * account link, valid for minutes). Writes nothing.
 *
 * @example
 * const link = createOnboardingLinkStep({ account_id: "acct_1" })
 */
export const createOnboardingLinkStep = createStep(
  createOnboardingLinkStepId,
  async (input: { account_id: string }, { container }) => {
    const service =
      container.resolve<CommissionModuleService>(COMMISSION_MODULE)
    try {
      const link = await service
        .getPayoutProvider()
        .createOnboardingLink(input.account_id)
      return new StepResponse(link)
    } catch (error) {
      throw new PayoutProviderUnavailable(error)
    }
  }
)
