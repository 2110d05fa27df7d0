import {
  ContainerRegistrationKeys,
  MedusaError,
} from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export const getPayoutBuyerStepId = "get-payout-buyer"

/**
 * The calling customer's buyer profile and e-mail; 404 if the customer is
 * not a buyer, 400 if the buyer is suspended.
 *
 * @example
 * const buyer = getPayoutBuyerStep({ customer_id: "cus_1" })
 */
export const getPayoutBuyerStep = createStep(
  getPayoutBuyerStepId,
  async (input: { customer_id: string }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "buyer",
      fields: ["id", "status", "customer_id"],
      filters: { customer_id: input.customer_id },
    })
    const buyer = data[0] as
      { id: string; status: string; customer_id: string } | undefined
    if (!buyer) {
      throw new MedusaError(
        MedusaError.Types.NOT_FOUND,
        "You have no buyer profile"
      )
    }
    if (buyer.status === "suspended") {
      throw new MedusaError(
        MedusaError.Types.FORBIDDEN,
        "A suspended buyer cannot set up payouts"
      )
    }
    const { data: customers } = await query.graph({
      entity: "customer",
      fields: ["email"],
      filters: { id: input.customer_id },
    })
    return new StepResponse({
      buyer_id: buyer.id,
      email: (customers[0] as { email?: string } | undefined)?.email ?? null,
    })
  }
)
