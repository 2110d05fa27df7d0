import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COMMISSION_MODULE } from "../../../modules/commission"
import type CommissionModuleService from "../../../modules/commission/service"
import type { ProviderWebhookEvent } from "../../../modules/commission/providers"

export const applyPayoutEventStepId = "apply-payout-event"

/**
 * Applies a verified payout-provider webhook once (see
 * `CommissionModuleService.applyProviderEvent`). Compensation undoes the
 * ledger entry it wrote and forgets the event id, so the provider's
 * re-delivery applies it again.
 *
 * @example
 * const result = applyPayoutEventStep({ event })
 */
export const applyPayoutEventStep = createStep(
  applyPayoutEventStepId,
  async (input: { event: ProviderWebhookEvent }, { container }) => {
    const service =
      container.resolve<CommissionModuleService>(COMMISSION_MODULE)
    const result = await service.applyProviderEvent(input.event)
    return new StepResponse(result, result)
  },
  async (result, { container }) => {
    if (result) {
      await container
        .resolve<CommissionModuleService>(COMMISSION_MODULE)
        .revertProviderEvent(result)
    }
  }
)
