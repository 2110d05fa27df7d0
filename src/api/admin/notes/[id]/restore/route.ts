import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import type { AdminNoteResponse } from "../../../../../types"
import { restoreNoteWorkflow } from "../../../../../workflows"
import { fetchNoteOrThrow } from "../../../../utils/notes-read"
import { withKnownErrors } from "../../../../utils/known-errors"

/** `POST /admin/notes/{id}/restore`: lifts moderation. */
export async function POST(
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse<AdminNoteResponse>
) {
  await withKnownErrors(res, async () => {
    await restoreNoteWorkflow(req.scope).run({ input: { id: req.params.id } })
    res.json({
      note: await fetchNoteOrThrow(req.scope, req.params.id, {
        publishedOnly: false,
      }),
    })
  })
}
