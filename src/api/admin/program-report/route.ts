import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import {
  answerRange,
  composeReport,
  composeSignals,
  resolveReportRange,
  sendReport,
} from "../../../reports"
import type { AdminGetProgramReportParamsType } from "./validators"

/**
 * `GET /admin/program-report` → `{ range, totals, series, groups, count,
 * limit, offset, signals }` (or CSV, without signals): the whole program;
 * `group_by=buyer` ranks the buyers. `signals=only` → `{ range, signals }`
 * alone (no totals, series or groups are read).
 */
export async function GET(
  req: AuthenticatedMedusaRequest<unknown, AdminGetProgramReportParamsType>,
  res: MedusaResponse
) {
  const q = req.validatedQuery as AdminGetProgramReportParamsType
  // One instant for both, so the report and its signals share the range.
  const now = Date.now()
  const signalsOf = async () => {
    const { range, tz, from, to } = await resolveReportRange(
      req.scope,
      {},
      q,
      now
    )
    return {
      range: answerRange(range, tz),
      signals: await composeSignals(req.scope, { from, to }),
    }
  }
  if (q.signals === "only") {
    res.json(await signalsOf())
    return
  }
  if (q.format === "csv") {
    sendReport(res, await composeReport(req.scope, {}, q, now), q, "program")
    return
  }
  // Signals read every 15-minute click row of the range: only when asked.
  if (q.signals !== "include") {
    res.json(await composeReport(req.scope, {}, q, now))
    return
  }
  const [report, { signals }] = await Promise.all([
    composeReport(req.scope, {}, q, now),
    signalsOf(),
  ])
  res.json({ ...report, signals })
}
