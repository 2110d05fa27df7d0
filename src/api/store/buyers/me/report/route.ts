import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { composeReport, sendReport } from "../../../../../reports"
import { fetchMyBuyer } from "../../../../utils/buyers-read"
import type { StoreGetMyReportParamsType } from "./validators"

/**
 * `GET /store/buyers/me/report` → `{ range, totals, series, groups, count,
 * limit, offset }` (or CSV): the logged-in buyer's clicks, orders and
 * commission (docs/reports.md).
 */
export async function GET(
  req: AuthenticatedMedusaRequest<unknown, StoreGetMyReportParamsType>,
  res: MedusaResponse
) {
  const buyer = await fetchMyBuyer(req.scope, req.auth_context.actor_id)
  const q = req.validatedQuery as StoreGetMyReportParamsType
  const report = await composeReport(req.scope, { buyer_id: buyer.id }, q)
  sendReport(res, report, q, buyer.handle)
}
