import {
  createWorkflow,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { createOnboardingLinkStep } from "../steps/create-payout-onboarding-link"
import { ensurePayoutAccountStep } from "../steps/ensure-payout-account"
import { getPayoutBuyerStep } from "../steps/get-payout-buyer"

export const createPayoutOnboardingWorkflowId = "create-payout-onboarding"

/**
 * A buyer sets up payouts: their provider account (created on first call)
 * and a fresh onboarding link. `payouts_enabled` follows the provider's
 * webhook afterwards.
 *
 * @example
 * const { result } = await createPayoutOnboardingWorkflow(container).run({
 *   input: { customer_id: "cus_1" },
 * })
 * // result.account.account_id, result.link.url
 */
export const createPayoutOnboardingWorkflow = createWorkflow(
  createPayoutOnboardingWorkflowId,
  (input: { customer_id: string }) => {
    const buyer = getPayoutBuyerStep(input)
    const account = ensurePayoutAccountStep(buyer)
    const link = createOnboardingLinkStep({ account_id: account.account_id })
    return new WorkflowResponse({ account, link })
  }
)
