import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import type { AdminNoteResponse } from "../../../../../types"
import { hideNoteWorkflow } from "../../../../../workflows"
import { fetchNoteOrThrow } from "../../../../utils/notes-read"
import type { AdminHideNoteType } from "../../validators"
import { withKnownErrors } from "../../../../utils/known-errors"

/** `POST /admin/notes/{id}/hide` `{ reason }`: moderation. */
export async function POST(
  req: AuthenticatedMedusaRequest<AdminHideNoteType>,
  res: MedusaResponse<AdminNoteResponse>
) {
  await withKnownErrors(res, async () => {
    await hideNoteWorkflow(req.scope).run({
      input: { id: req.params.id, reason: req.validatedBody.reason },
    })
    res.json({
      note: await fetchNoteOrThrow(req.scope, req.params.id, {
        publishedOnly: false,
      }),
    })
  })
}
