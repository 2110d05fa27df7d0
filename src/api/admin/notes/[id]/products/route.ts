import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import type { AdminNoteResponse } from "../../../../../types"
import { updateNoteProductsWorkflow } from "../../../../../workflows"
import { withKnownErrors } from "../../../../utils/known-errors"
import { fetchNoteOrThrow } from "../../../../utils/notes-read"
import type { AdminNoteProductsChangeType } from "../../validators"

/**
 * `POST /admin/notes/{id}/products`: `{ add?: [...], remove?: [product_id] }`.
 * Adding a product the note already tags is a 409.
 */
export async function POST(
  req: AuthenticatedMedusaRequest<AdminNoteProductsChangeType>,
  res: MedusaResponse<AdminNoteResponse>
) {
  await withKnownErrors(res, async () => {
    await updateNoteProductsWorkflow(req.scope).run({
      input: { note_id: req.params.id, ...req.validatedBody },
    })
    res.json({
      note: await fetchNoteOrThrow(req.scope, req.params.id, {
        publishedOnly: false,
      }),
    })
  })
}
