import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BUYERS_MODULE } from "../../../modules/buyers"
import type BuyersModuleService from "../../../modules/buyers/service"
import type { SetFollowResult } from "../../../modules/buyers/service"

export type SetBuyerFollowStepInput = {
  /** The buyer's handle (case-folded). */
  handle: string
  customer_id: string
  on: boolean
}

export const setBuyerFollowStepId = "set-buyer-follow"

/**
 * Follows an approved buyer for a customer, or unfollows
 * (`BuyersModuleService.setFollow`: idempotent, counter exact). A buyer the
 * store does not show is a 404; one's own profile a 400. Compensation
 * undoes the change, if there was one.
 *
 * @example
 * setBuyerFollowStep({ handle: "lin", customer_id: "cus_1", on: true })
 */
export const setBuyerFollowStep = createStep(
  setBuyerFollowStepId,
  async (input: SetBuyerFollowStepInput, { container }) => {
    const service = container.resolve<BuyersModuleService>(BUYERS_MODULE)
    const result = await service.setFollow({ ...input, public_only: true })
    return new StepResponse(result, result)
  },
  async (result: SetFollowResult | undefined, { container }) => {
    if (!result?.changed) {
      return
    }
    const service = container.resolve<BuyersModuleService>(BUYERS_MODULE)
    await service.setFollow({
      buyer_id: result.buyer_id,
      customer_id: result.customer_id,
      on: !result.on,
      public_only: false,
    })
  }
)
