import type { z } from "@medusajs/framework/zod"
import { PROGRAM_GROUPS, reportQuery } from "../../../reports"

/** `GET /admin/program-report`: `group_by=buyer` is the buyer leaderboard. */
export const AdminGetProgramReportParams = reportQuery(PROGRAM_GROUPS)
export type AdminGetProgramReportParamsType = z.infer<
  typeof AdminGetProgramReportParams
>
