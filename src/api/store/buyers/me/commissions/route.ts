import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import type { StoreGetMyCommissionsParamsType } from "../../validators"
import { fetchMyBuyer } from "../../../../utils/buyers-read"
import {
  entryFilters,
  listCommissionPage,
} from "../../../../utils/commissions-read"

/**
 * `GET /store/buyers/me/commissions?status=&type=&currency_code=` →
 * `{ commissions, count, limit, offset, totals }`: the caller's own ledger.
 */
export async function GET(
  req: AuthenticatedMedusaRequest<unknown, StoreGetMyCommissionsParamsType>,
  res: MedusaResponse
) {
  const buyer = await fetchMyBuyer(req.scope, req.auth_context.actor_id)
  const p = req.validatedQuery as StoreGetMyCommissionsParamsType
  res.json(
    await listCommissionPage(
      req.scope,
      entryFilters({ ...p, buyer_id: buyer.id }),
      p
    )
  )
}
