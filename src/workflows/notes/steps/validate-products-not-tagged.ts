import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export type ValidateProductsNotTaggedStepInput = {
  /** The products the note tags now. */
  tagged: string[]
  /** The products the request adds (`add[i].product_id`). */
  add: string[]
  /** The products the same request untags: adding one of them again is allowed. */
  remove: string[]
}

export const validateProductsNotTaggedStepId = "validate-products-not-tagged"

/**
 * Refuses to tag a product the note already tags (a 409): `add` creates a
 * tag and its buy link, it does not edit one. A pin or caption is changed
 * by updating the note's `products`.
 *
 * @example
 * validateProductsNotTaggedStep({ tagged: ["prod_1"], add: ["prod_2"], remove: [] })
 */
export const validateProductsNotTaggedStep = createStep(
  validateProductsNotTaggedStepId,
  async (input: ValidateProductsNotTaggedStepInput) => {
    const tagged = new Set(input.tagged)
    const removed = new Set(input.remove)
    input.add.forEach((productId, i) => {
      if (tagged.has(productId) && !removed.has(productId)) {
        throw new MedusaError(
          MedusaError.Types.CONFLICT,
          `add[${i}].product_id: product '${productId}' is already tagged in this note (change its pin or caption through the note's products)`
        )
      }
    })
    return new StepResponse(void 0)
  }
)
