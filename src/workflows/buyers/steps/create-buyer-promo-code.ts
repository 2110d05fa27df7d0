import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BUYERS_MODULE } from "../../../modules/buyers"
import type BuyersModuleService from "../../../modules/buyers/service"

export type CreateBuyerPromoCodeData = {
  buyer_id: string
  promotion_id: string
  campaign_id: string | null
  code: string
}

export const createBuyerPromoCodeStepId = "create-buyer-promo-code"

/**
 * Records whose code a promotion is. Compensation deletes the row.
 *
 * @example
 * createBuyerPromoCodeStep({ buyer_id, promotion_id, campaign_id, code: "LIN10" })
 */
export const createBuyerPromoCodeStep = createStep(
  createBuyerPromoCodeStepId,
  async (input: CreateBuyerPromoCodeData, { container }) => {
    const service = container.resolve<BuyersModuleService>(BUYERS_MODULE)
    const row = await service.createBuyerPromoCodes(input)
    return new StepResponse(row, row.id)
  },
  async (id, { container }) => {
    if (!id) {
      return
    }
    await container
      .resolve<BuyersModuleService>(BUYERS_MODULE)
      .deleteBuyerPromoCodes(id)
  }
)
