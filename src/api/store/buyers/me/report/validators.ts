import type { z } from "@medusajs/framework/zod"
import { SUBJECT_GROUPS, reportQuery } from "../../../../../reports"

/**
 * `GET /store/buyers/me/report`: the caller's own report. Strict, so a
 * `buyer_id` (or any other key) is a 400 naming it.
 */
export const StoreGetMyReportParams = reportQuery(SUBJECT_GROUPS)
export type StoreGetMyReportParamsType = z.infer<typeof StoreGetMyReportParams>
