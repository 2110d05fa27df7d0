import {
  ContainerRegistrationKeys,
  MedusaError,
} from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ATTRIBUTION_MODULE } from "../../../modules/attribution"
import type AttributionModuleService from "../../../modules/attribution/service"
import { clickMintedAt } from "../../../modules/attribution/utils/ids"

// How long a click the redirect minted may be carried before it is written
// (queue or buffer lag, a worker restart), and the clock skew allowed.
export const UNWRITTEN_CLICK_GRACE_MS = 10 * 60 * 1000
export const CLOCK_SKEW_MS = 60 * 1000

export type ValidateCartReferralStepInput = {
  cart_id: string
  click_id: string
  /** The logged-in customer, if any. */
  customer_id?: string | null
}

export const validateCartReferralStepId = "validate-cart-referral"

/**
 * A click can be carried by a cart when the cart is open and the caller's
 * (a registered customer's cart answers 404 to anyone else, like a missing
 * one), and the click counted: stored without a dropped reason, or minted
 * by the redirect in the last ten minutes and not written yet. Run it under
 * the cart's lock (`setCartReferralWorkflow`), so that the cart is still open
 * when the click is written. Read-only.
 *
 * @example
 * validateCartReferralStep({ cart_id: "cart_1", click_id: "click_1" })
 */
export const validateCartReferralStep = createStep(
  validateCartReferralStepId,
  async (input: ValidateCartReferralStepInput, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const {
      data: [cart],
    } = await query.graph({
      entity: "cart",
      fields: ["id", "customer_id", "completed_at", "customer.has_account"],
      filters: { id: input.cart_id },
    })
    const c = cart as
      | {
          id: string
          customer_id: string | null
          completed_at: Date | null
          customer?: { has_account: boolean } | null
        }
      | undefined
    // A registered customer's cart answers only to that customer. Guest
    // carts (Medusa gives them a customer record without an account, from
    // the email) are reached by their id, as in Medusa's own cart routes.
    const owned = !!c?.customer_id && !!c.customer?.has_account
    if (!c || (owned && c.customer_id !== input.customer_id)) {
      throw new MedusaError(
        MedusaError.Types.NOT_FOUND,
        `Cart with id: ${input.cart_id} was not found`
      )
    }
    if (c.completed_at) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Cart ${input.cart_id} is already completed`
      )
    }
    const service =
      container.resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
    const [click] = await service.listReferralClicks(
      { id: input.click_id },
      { select: ["id", "dropped_reason"], take: 1 }
    )
    // The redirect hands the click to a queue or buffer and answers at once,
    // so a storefront may carry it before it is written. A click minted
    // moments ago is accepted unseen; the order-time decision only credits
    // clicks that were stored and counted.
    const minted = clickMintedAt(input.click_id)
    const fresh =
      minted !== null &&
      minted <= Date.now() + CLOCK_SKEW_MS &&
      Date.now() - minted <= UNWRITTEN_CLICK_GRACE_MS
    if (!click && !fresh) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `click_id: no click '${input.click_id}' was recorded`
      )
    }
    if (click?.dropped_reason) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `click_id: click '${input.click_id}' did not count (${click.dropped_reason})`
      )
    }
    return new StepResponse({ id: c.id })
  }
)
