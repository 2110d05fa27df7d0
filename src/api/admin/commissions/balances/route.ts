import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { listBalances } from "../../../utils/commissions-read"
import type { AdminGetCommissionBalancesParamsType } from "../validators"

/**
 * `GET /admin/commissions/balances?buyer_id=&currency_code=` →
 * `{ balances }`, one per buyer and currency.
 */
export async function GET(
  req: AuthenticatedMedusaRequest<
    unknown,
    AdminGetCommissionBalancesParamsType
  >,
  res: MedusaResponse
) {
  const p = req.validatedQuery as AdminGetCommissionBalancesParamsType
  res.json({ balances: await listBalances(req.scope, p) })
}
