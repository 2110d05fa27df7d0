import type { z } from "@medusajs/framework/zod"
import { SUBJECT_GROUPS, reportQuery } from "../../../../../reports"

/** `GET /admin/buyers/:id/report`. */
export const AdminGetBuyerReportParams = reportQuery(SUBJECT_GROUPS)
export type AdminGetBuyerReportParamsType = z.infer<
  typeof AdminGetBuyerReportParams
>
