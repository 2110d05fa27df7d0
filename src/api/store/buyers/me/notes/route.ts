import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { NOTES_MODULE } from "../../../../../modules/notes"
import type NotesModuleService from "../../../../../modules/notes/service"
import type {
  AdminNoteResponse,
  AdminNotesListResponse,
} from "../../../../../types"
import { createBuyerNoteWorkflow } from "../../../../../workflows"
import { fetchMyBuyer } from "../../../../utils/buyers-read"
import { fetchNoteOrThrow, fetchNotesByIds } from "../../../../utils/notes-read"
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
  const service = req.scope.resolve<NotesModuleService>(NOTES_MODULE)
  const { ids, count, count_exact } = await service.searchNotes({
    q: params.q,
    statuses: params.status
      ? [params.status]
      : ["draft", "published", "hidden"],
    buyer_id: buyer.id,
    tag: params.tag,
    product_id: params.product_id,
    order: "created",
    limit: params.limit,
    offset: params.offset,
  })
  res.json({
    notes: await fetchNotesByIds(req.scope, ids),
    count,
    count_exact,
    limit: params.limit,
    offset: params.offset,
  })
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
