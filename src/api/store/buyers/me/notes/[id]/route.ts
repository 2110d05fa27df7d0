import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import type { AdminNoteResponse } from "../../../../../../types"
import { updateBuyerNoteWorkflow } from "../../../../../../workflows"
import { fetchMyBuyer } from "../../../../../utils/buyers-read"
import { fetchNoteOrThrow } from "../../../../../utils/notes-read"
import type { StoreUpdateBuyerNoteType } from "../../../validators"

/** `GET /store/buyers/me/notes/{id}`: one of the caller's notes. */
export async function GET(
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse<AdminNoteResponse>
) {
  const buyer = await fetchMyBuyer(req.scope, req.auth_context.actor_id)
  const note = await fetchNoteOrThrow(req.scope, req.params.id, {
    publishedOnly: false,
  })
  if (note.buyer_id !== buyer.id) {
    // Another buyer's note is not found, exactly like a missing one.
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `Note with id: ${req.params.id} was not found`
    )
  }
  res.json({ note })
}

/** `POST /store/buyers/me/notes/{id}`: edit one of the caller's notes. */
export async function POST(
  req: AuthenticatedMedusaRequest<StoreUpdateBuyerNoteType>,
  res: MedusaResponse<AdminNoteResponse>
) {
  await updateBuyerNoteWorkflow(req.scope).run({
    input: {
      customer_id: req.auth_context.actor_id,
      note_id: req.params.id,
      update: req.validatedBody,
    },
  })
  res.json({
    note: await fetchNoteOrThrow(req.scope, req.params.id, {
      publishedOnly: false,
    }),
  })
}
