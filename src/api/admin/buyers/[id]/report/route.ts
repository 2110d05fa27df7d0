import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { composeReport, sendReport } from "../../../../../reports"
import { fetchBuyerOrThrow } from "../../../../utils/buyers-read"
import type { AdminGetBuyerReportParamsType } from "./validators"

/**
 * `GET /admin/buyers/:id/report` → `{ range, totals, series, groups, count,
 * limit, offset }` (or CSV): one buyer's report; 404 for an unknown buyer.
 */
export async function GET(
  req: AuthenticatedMedusaRequest<unknown, AdminGetBuyerReportParamsType>,
  res: MedusaResponse
) {
  const buyer = await fetchBuyerOrThrow(
    req.scope,
    { id: req.params.id },
    `Buyer ${req.params.id} was not found`
  )
  const q = req.validatedQuery as AdminGetBuyerReportParamsType
  const report = await composeReport(req.scope, { buyer_id: buyer.id }, q)
  sendReport(res, report, q, buyer.handle)
}
