import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { fetchMyBuyer } from "../../../../utils/buyers-read"
import { listBalances } from "../../../../utils/commissions-read"

/**
 * `GET /store/buyers/me/balance` → `{ balances }`: the caller's balance per
 * currency (pending, approved, on hold, paid, reversed, payable, …).
 */
export async function GET(
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) {
  const buyer = await fetchMyBuyer(req.scope, req.auth_context.actor_id)
  const balances = await listBalances(req.scope, { buyer_id: buyer.id })
  res.json({
    balances: balances.map(({ buyer_id: _buyer, ...b }) => b),
  })
}
