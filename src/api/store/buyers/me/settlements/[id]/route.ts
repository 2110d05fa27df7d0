import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { fetchMyBuyer } from "../../../../../utils/buyers-read"
import {
  fetchSettlement,
  forBuyer,
  listSettlementEntries,
} from "../../../../../utils/settlements-read"
import type { StoreGetMySettlementParamsType } from "../../../validators"

/**
 * `GET /store/buyers/me/settlements/{id}` → `{ settlement, entries,
 * entries_count, limit, offset }`: one of the caller's own settlements
 * with the entries it paid (another buyer's is a 404).
 */
export async function GET(
  req: AuthenticatedMedusaRequest<unknown, StoreGetMySettlementParamsType>,
  res: MedusaResponse
) {
  const buyer = await fetchMyBuyer(req.scope, req.auth_context.actor_id)
  const p = req.validatedQuery as StoreGetMySettlementParamsType
  const settlement = await fetchSettlement(req.scope, req.params.id, {
    buyer_id: buyer.id,
  })
  res.json({
    settlement: forBuyer(settlement),
    ...(await listSettlementEntries(req.scope, settlement.id, p)),
  })
}
