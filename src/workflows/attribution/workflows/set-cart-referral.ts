import { updateCartsStep } from "@medusajs/medusa/core-flows"
import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import {
  ValidateCartReferralStepInput,
  validateCartReferralStep,
} from "../steps/validate-cart-referral"

export const setCartReferralWorkflowId = "set-cart-referral"

/**
 * Carries a buy-link click on a cart (`cart.metadata.referral_click_id`), so
 * the order placed from it can be attributed. The last click carried wins.
 *
 * @example
 * await setCartReferralWorkflow(container).run({ input: { cart_id: "cart_1", click_id: "click_1" } })
 */
export const setCartReferralWorkflow = createWorkflow(
  setCartReferralWorkflowId,
  (input: ValidateCartReferralStepInput) => {
    const metadata = validateCartReferralStep(input)
    updateCartsStep(
      transform({ input, metadata }, ({ input, metadata }) => [
        {
          id: input.cart_id,
          metadata: { ...metadata, referral_click_id: input.click_id },
        },
      ])
    )
    return new WorkflowResponse(
      transform({ input }, ({ input }) => ({ id: input.cart_id }))
    )
  }
)
