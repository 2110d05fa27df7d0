import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BUYERS_MODULE } from "../../../modules/buyers"
import { handleProblem } from "../../../modules/buyers/utils/handle"
import type BuyersModuleService from "../../../modules/buyers/service"

export type ValidateBuyerApplicationStepInput = {
  /** Set when applying: the customer must not have a profile yet. */
  customer_id?: string
  /** The handle to take; `buyer_id` may already own it. */
  handle?: string
  buyer_id?: string
}

export const validateBuyerApplicationStepId = "validate-buyer-application"

/**
 * Checks a buyer application or a handle change: one profile per customer,
 * an acceptable handle, not taken by another buyer. The unique indexes hold
 * the same rules under races; this step gives the messages.
 *
 * @example
 * validateBuyerApplicationStep({ customer_id: "cus_1", handle: "lin" })
 */
export const validateBuyerApplicationStep = createStep(
  validateBuyerApplicationStepId,
  async (input: ValidateBuyerApplicationStepInput, { container }) => {
    const service = container.resolve<BuyersModuleService>(BUYERS_MODULE)
    if (input.customer_id) {
      const [existing] = await service.listBuyers(
        { customer_id: input.customer_id },
        { take: 1, select: ["id"] }
      )
      if (existing) {
        throw new MedusaError(
          MedusaError.Types.DUPLICATE_ERROR,
          "This customer already has a buyer profile"
        )
      }
    }
    if (input.handle !== undefined) {
      const problem = handleProblem(input.handle)
      if (problem) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, problem)
      }
      const [owner] = await service.listBuyers(
        { handle: input.handle },
        { take: 1, select: ["id"] }
      )
      if (owner && owner.id !== input.buyer_id) {
        throw new MedusaError(
          MedusaError.Types.DUPLICATE_ERROR,
          `handle: '${input.handle}' is taken`
        )
      }
    }
    return new StepResponse(void 0)
  }
)
