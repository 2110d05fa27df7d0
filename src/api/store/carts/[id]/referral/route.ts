import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { setCartReferralWorkflow } from "../../../../../workflows"
import { withKnownErrors } from "../../../../utils/known-errors"
import type { StoreCartReferralType } from "../../validators"

/**
 * `POST /store/carts/{id}/referral` `{ click_id }` → `{ cart }`. Waits for
 * the cart's lock like Medusa's cart routes; a cart held busy past the wait
 * answers 409 (with the Redis locking provider, whose timeout is a conflict).
 */
export async function POST(
  req: AuthenticatedMedusaRequest<StoreCartReferralType>,
  res: MedusaResponse
) {
  await withKnownErrors(res, async () => {
    await setCartReferralWorkflow(req.scope).run({
      input: {
        cart_id: req.params.id,
        click_id: req.validatedBody.click_id,
        customer_id: req.auth_context?.actor_id ?? null,
      },
    })
    const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
    const {
      data: [cart],
    } = await query.graph({
      entity: "cart",
      fields: [
        "id",
        "customer_id",
        "region_id",
        "currency_code",
        "email",
        "metadata",
      ],
      filters: { id: req.params.id },
    })
    res.json({ cart })
  })
}
