import type { z } from "@medusajs/framework/zod"
import { PROGRAM_GROUPS, reportQuery } from "../../../reports"

/**
 * `GET /admin/program-report`: `group_by=buyer` is the buyer leaderboard;
 * `signals=only` answers the review signals alone.
 */
export const AdminGetProgramReportParams = reportQuery(PROGRAM_GROUPS, {
  signals: true,
})
export type AdminGetProgramReportParamsType = z.infer<
  typeof AdminGetProgramReportParams
>
