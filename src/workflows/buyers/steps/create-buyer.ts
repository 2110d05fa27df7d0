import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BUYERS_MODULE } from "../../../modules/buyers"
import type BuyersModuleService from "../../../modules/buyers/service"
import type { ApplyBuyerInput } from "../../../types"

export const createBuyerStepId = "create-buyer"

/**
 * Creates a buyer profile (status `pending`). Compensation deletes it.
 *
 * @example
 * createBuyerStep({ customer_id: "cus_1", handle: "lin", display_name: "Lin" })
 */
export const createBuyerStep = createStep(
  createBuyerStepId,
  async (input: ApplyBuyerInput, { container }) => {
    const service = container.resolve<BuyersModuleService>(BUYERS_MODULE)
    const buyer = await service.createBuyers({ ...input, status: "pending" })
    return new StepResponse(buyer, buyer.id)
  },
  async (id, { container }) => {
    if (!id) {
      return
    }
    await container.resolve<BuyersModuleService>(BUYERS_MODULE).deleteBuyers(id)
  }
)
