import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export const getCustomerBuyerIdStepId = "get-customer-buyer-id"

/**
 * The buyer profile id of a customer, or null if they have none. A read:
 * nothing to compensate.
 *
 * @example
 * const buyerId = getCustomerBuyerIdStep({ customer_id: "cus_1" })
 */
export const getCustomerBuyerIdStep = createStep(
  getCustomerBuyerIdStepId,
  async (input: { customer_id: string }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "buyer",
      fields: ["id"],
      filters: { customer_id: input.customer_id },
    })
    return new StepResponse((data[0] as { id: string } | undefined)?.id ?? null)
  }
)
