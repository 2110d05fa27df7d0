import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { COMMISSION_MODULE } from "../../../../../modules/commission"
import type CommissionModuleService from "../../../../../modules/commission/service"
import { fetchMyBuyer } from "../../../../utils/buyers-read"
import {
  forBuyer,
  listSettlementPage,
  settlementFilters,
} from "../../../../utils/settlements-read"
import type { StoreGetMySettlementsParamsType } from "../../validators"

/**
 * `GET /store/buyers/me/settlements?status=&currency_code=` →
 * `{ settlements, count, limit, offset, totals, skipped }`: the caller's
 * own payouts, newest first; `skipped` says, per currency, why the last
 * run did not pay them (buyer not approved, payouts not enabled, under the
 * threshold, negative balance carried, on hold).
 */
export async function GET(
  req: AuthenticatedMedusaRequest<unknown, StoreGetMySettlementsParamsType>,
  res: MedusaResponse
) {
  const buyer = await fetchMyBuyer(req.scope, req.auth_context.actor_id)
  const p = req.validatedQuery as StoreGetMySettlementsParamsType
  const page = await listSettlementPage(
    req.scope,
    settlementFilters({ ...p, buyer_id: buyer.id }),
    p
  )
  const skipped = await req.scope
    .resolve<CommissionModuleService>(COMMISSION_MODULE)
    .listLatestSkips(buyer.id)
  res.json({
    ...page,
    settlements: page.settlements.map(forBuyer),
    skipped,
  })
}
