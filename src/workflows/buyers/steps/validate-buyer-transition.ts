import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { BuyerStatus } from "../../../types"

export const validateBuyerTransitionStepId = "validate-buyer-transition"

/**
 * Approve works on pending and suspended buyers; suspend on pending and
 * approved ones. Doing either twice is refused, so the first reason and
 * dates are kept.
 *
 * @example
 * validateBuyerTransitionStep({ buyer, to: "approved" })
 */
export const validateBuyerTransitionStep = createStep(
  validateBuyerTransitionStepId,
  async (input: {
    buyer: { id: string; status: BuyerStatus }
    to: "approved" | "suspended"
  }) => {
    if (input.buyer.status === input.to) {
      throw new MedusaError(
        MedusaError.Types.CONFLICT,
        `Buyer ${input.buyer.id} is already ${input.to}`
      )
    }
    return new StepResponse(void 0)
  }
)
