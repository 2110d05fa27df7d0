import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import type { AdminNoteResponse } from "../../../../../types"
import { updateNoteProductsWorkflow } from "../../../../../workflows"
import { fetchNoteOrThrow } from "../../../../utils/notes-read"
import type { AdminNoteProductsChangeType } from "../../validators"

/** `POST /admin/notes/{id}/products`: `{ add?: [...], remove?: [product_id] }`. */
export async function POST(
  req: AuthenticatedMedusaRequest<AdminNoteProductsChangeType>,
  res: MedusaResponse<AdminNoteResponse>
) {
  await updateNoteProductsWorkflow(req.scope).run({
    input: { note_id: req.params.id, ...req.validatedBody },
  })
  res.json({
    note: await fetchNoteOrThrow(req.scope, req.params.id, {
      publishedOnly: false,
    }),
  })
}
