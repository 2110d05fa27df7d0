import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { NOTES_MODULE } from "../../../../../modules/notes"
import type NotesModuleService from "../../../../../modules/notes/service"
import { composeReport, sendReport } from "../../../../../reports"
import type { AdminGetNoteReportParamsType } from "./validators"

/**
 * `GET /admin/notes/:id/report` → `{ range, totals, series, groups, count,
 * limit, offset }` (or CSV): one note's report, whatever its status; 404
 * for an unknown or deleted note.
 */
export async function GET(
  req: AuthenticatedMedusaRequest<unknown, AdminGetNoteReportParamsType>,
  res: MedusaResponse
) {
  const [note] = await req.scope
    .resolve<NotesModuleService>(NOTES_MODULE)
    .listNotes({ id: req.params.id }, { take: 1, select: ["id"] })
  if (!note) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `Note with id: ${req.params.id} was not found`
    )
  }
  const q = req.validatedQuery as AdminGetNoteReportParamsType
  const report = await composeReport(req.scope, { note_id: note.id }, q)
  sendReport(res, report, q, "note")
}
