import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { composeReport, sendReport } from "../../../reports"
import type { AdminGetProgramReportParamsType } from "./validators"

/**
 * `GET /admin/program-report` → `{ range, totals, series, groups, count,
 * limit, offset }` (or CSV): the whole program; `group_by=buyer` ranks the
 * buyers.
 */
export async function GET(
  req: AuthenticatedMedusaRequest<unknown, AdminGetProgramReportParamsType>,
  res: MedusaResponse
) {
  const q = req.validatedQuery as AdminGetProgramReportParamsType
  const report = await composeReport(req.scope, {}, q)
  sendReport(res, report, q, "program")
}
