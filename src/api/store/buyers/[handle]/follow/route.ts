import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import type { StoreBuyerFollowResponse } from "../../../../../types"
import { setBuyerFollowWorkflow } from "../../../../../workflows/buyers/workflows/set-buyer-follow"

/**
 * The handler of `POST` (`on`) or `DELETE` `/store/buyers/{handle}/follow`
 * for the logged-in customer: runs `setBuyerFollowWorkflow` and answers the
 * reader's state and the buyer's exact count. Idempotent: a repeat is a 200
 * with the same answer.
 */
function followRoute(on: boolean) {
  return async function handler(
    req: AuthenticatedMedusaRequest,
    res: MedusaResponse<StoreBuyerFollowResponse>
  ) {
    const { result } = await setBuyerFollowWorkflow(req.scope).run({
      input: {
        handle: req.params.handle.toLowerCase(),
        customer_id: req.auth_context.actor_id,
        on,
      },
    })
    res.json({ following: on, followers_count: result.followers_count })
  }
}

/** `POST /store/buyers/{handle}/follow`: the logged-in customer follows. */
export const POST = followRoute(true)

/** `DELETE /store/buyers/{handle}/follow`: unfollows (a no-op if not following). */
export const DELETE = followRoute(false)
