import type { z } from "@medusajs/framework/zod"
import { SUBJECT_GROUPS, reportQuery } from "../../../../../reports"

/** `GET /admin/notes/:id/report`. */
export const AdminGetNoteReportParams = reportQuery(SUBJECT_GROUPS)
export type AdminGetNoteReportParamsType = z.infer<
  typeof AdminGetNoteReportParams
>
