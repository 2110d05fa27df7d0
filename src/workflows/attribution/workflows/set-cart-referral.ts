import {
  acquireLockStep,
  emitEventStep,
  releaseLockStep,
  updateCartsStep,
} from "@medusajs/medusa/core-flows"
import { CartWorkflowEvents } from "@medusajs/framework/utils"
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
 * Runs under Medusa's cart lock (the key its cart workflows take: the cart
 * id, with their timeout and lease), so it is ordered with line-item,
 * update and completion workflows on the same cart: the cart is checked
 * open under the lock, and only `referral_click_id` is written, merged by
 * the cart module into the metadata as it is then (never a copy read
 * earlier). Emits `cart.updated`, as Medusa's cart update does.
 *
 * @example
 * await setCartReferralWorkflow(container).run({ input: { cart_id: "cart_1", click_id: "click_1" } })
 */
export const setCartReferralWorkflow = createWorkflow(
  setCartReferralWorkflowId,
  (input: ValidateCartReferralStepInput) => {
    acquireLockStep({ key: input.cart_id, timeout: 2, ttl: 10 })
    validateCartReferralStep(input)
    updateCartsStep(
      transform({ input }, ({ input }) => [
        {
          id: input.cart_id,
          metadata: { referral_click_id: input.click_id },
        },
      ])
    )
    emitEventStep({
      eventName: CartWorkflowEvents.UPDATED,
      data: transform({ input }, ({ input }) => ({ id: input.cart_id })),
    })
    releaseLockStep({ key: input.cart_id })
    return new WorkflowResponse(
      transform({ input }, ({ input }) => ({ id: input.cart_id }))
    )
  }
)
