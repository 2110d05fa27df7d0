import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import type {
  AdminNoteDeleteResponse,
  AdminNoteResponse,
} from "../../../../types"
import { deleteNotesWorkflow, updateNoteWorkflow } from "../../../../workflows"
import { fetchNoteOrThrow } from "../../../utils/notes-read"
import type { AdminUpdateNoteType } from "../validators"

export async function GET(
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse<AdminNoteResponse>
) {
  res.json({
    note: await fetchNoteOrThrow(req.scope, req.params.id, {
      publishedOnly: false,
    }),
  })
}

export async function POST(
  req: AuthenticatedMedusaRequest<AdminUpdateNoteType>,
  res: MedusaResponse<AdminNoteResponse>
) {
  await updateNoteWorkflow(req.scope).run({
    input: { id: req.params.id, update: req.validatedBody },
  })
  res.json({
    note: await fetchNoteOrThrow(req.scope, req.params.id, {
      publishedOnly: false,
    }),
  })
}

export async function DELETE(
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse<AdminNoteDeleteResponse>
) {
  await deleteNotesWorkflow(req.scope).run({
    input: { ids: [req.params.id] },
  })
  res.json({ id: req.params.id, object: "note", deleted: true })
}
