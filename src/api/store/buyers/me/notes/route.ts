import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import type {
  AdminNoteResponse,
  AdminNotesListResponse,
} from "../../../../../types"
import { createBuyerNoteWorkflow } from "../../../../../workflows"
import { fetchMyBuyer } from "../../../../utils/buyers-read"
import { fetchNoteOrThrow, searchNotesPage } from "../../../../utils/notes-read"
import type {
  StoreCreateBuyerNoteType,
  StoreGetBuyerNotesParamsType,
} from "../../validators"

/** `GET /store/buyers/me/notes`: the caller's own notes, every status. */
export async function GET(
  req: AuthenticatedMedusaRequest<unknown, StoreGetBuyerNotesParamsType>,
  res: MedusaResponse<AdminNotesListResponse>
) {
  const params = req.validatedQuery as StoreGetBuyerNotesParamsType
  const buyer = await fetchMyBuyer(req.scope, req.auth_context.actor_id)
  res.json(
    await searchNotesPage(req.scope, {
      q: params.q,
      statuses: params.status ? [params.status] : undefined,
      buyer_id: buyer.id,
      tag: params.tag,
      product_id: params.product_id,
      limit: params.limit,
      offset: params.offset,
    })
  )
}

/** `POST /store/buyers/me/notes`: write a note (publishing needs approval). */
export async function POST(
  req: AuthenticatedMedusaRequest<StoreCreateBuyerNoteType>,
  res: MedusaResponse<AdminNoteResponse>
) {
  const { result } = await createBuyerNoteWorkflow(req.scope).run({
    input: { customer_id: req.auth_context.actor_id, note: req.validatedBody },
  })
  res.json({
    note: await fetchNoteOrThrow(req.scope, result.id, {
      publishedOnly: false,
    }),
  })
}
