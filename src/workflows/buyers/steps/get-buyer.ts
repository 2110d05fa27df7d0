import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BUYERS_MODULE } from "../../../modules/buyers"
import type BuyersModuleService from "../../../modules/buyers/service"
import type { BuyerDTO } from "../../../types"

export type GetBuyerStepInput = { id?: string; customer_id?: string }

export const getBuyerStepId = "get-buyer"

/**
 * Loads one buyer by id or by customer, failing with NOT_FOUND. A customer
 * without a profile and another customer's profile look the same: absent.
 * Read-only.
 *
 * @example
 * const buyer = getBuyerStep({ customer_id: "cus_1" })
 */
export const getBuyerStep = createStep(
  getBuyerStepId,
  async (input: GetBuyerStepInput, { container }) => {
    const service = container.resolve<BuyersModuleService>(BUYERS_MODULE)
    const filters = input.id
      ? { id: input.id }
      : { customer_id: input.customer_id ?? "" }
    const [buyer] = await service.listBuyers(filters, { take: 1 })
    if (!buyer) {
      throw new MedusaError(
        MedusaError.Types.NOT_FOUND,
        input.id
          ? `Buyer with id: ${input.id} was not found`
          : "This customer has no buyer profile"
      )
    }
    return new StepResponse(buyer as unknown as BuyerDTO)
  }
)
