import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BUYERS_MODULE } from "../../../modules/buyers"
import type BuyersModuleService from "../../../modules/buyers/service"

export const setBuyerPromoCodeStatusStepId = "set-buyer-promo-code-status"

/**
 * Sets a buyer's code `active` or `disabled`, returning the row as it was
 * (NOT_FOUND for another buyer's code). Compensation writes the previous
 * status back.
 *
 * @example
 * setBuyerPromoCodeStatusStep({ buyer_id, id: "bpcode_1", status: "disabled" })
 */
export const setBuyerPromoCodeStatusStep = createStep(
  setBuyerPromoCodeStatusStepId,
  async (
    input: { buyer_id: string; id: string; status: "active" | "disabled" },
    { container }
  ) => {
    const service = container.resolve<BuyersModuleService>(BUYERS_MODULE)
    const [row] = await service.listBuyerPromoCodes(
      { id: input.id, buyer_id: input.buyer_id },
      { take: 1 }
    )
    if (!row) {
      throw new MedusaError(
        MedusaError.Types.NOT_FOUND,
        `code_id: promo code ${input.id} of buyer ${input.buyer_id} was not found`
      )
    }
    if (row.status !== input.status) {
      await service.updateBuyerPromoCodes({
        id: row.id,
        status: input.status,
      })
    }
    return new StepResponse(
      { id: row.id, promotion_id: row.promotion_id, previous: row.status },
      { id: row.id, status: row.status }
    )
  },
  async (previous, { container }) => {
    if (!previous) {
      return
    }
    await container
      .resolve<BuyersModuleService>(BUYERS_MODULE)
      .updateBuyerPromoCodes(previous)
  }
)
