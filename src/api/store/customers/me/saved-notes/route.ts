import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { NOTES_MODULE } from "../../../../../modules/notes"
import type NotesModuleService from "../../../../../modules/notes/service"
import type { StoreSavedNotesResponse } from "../../../../../types"
import {
  fetchNotesByIds,
  fetchVisibleProductIds,
  toStoreListPage,
} from "../../../../utils/notes-read"
import type { StoreGetSavedNotesParamsType } from "./validators"

/**
 * `GET /store/customers/me/saved-notes`: the notes the logged-in customer
 * saved, newest save first, in the shape of `GET /store/notes` (with
 * `liked` and `saved`). Notes the store no longer shows (hidden, draft,
 * deleted, author suspended) are left out; their saves are kept.
 */
export async function GET(
  req: AuthenticatedMedusaRequest<unknown, StoreGetSavedNotesParamsType>,
  res: MedusaResponse<StoreSavedNotesResponse>
) {
  const params = req.validatedQuery as StoreGetSavedNotesParamsType
  const customerId = req.auth_context.actor_id
  const service = req.scope.resolve<NotesModuleService>(NOTES_MODULE)
  const { ids, count } = await service.listSavedNoteIds(customerId, params)
  const notes = await fetchNotesByIds(req.scope, ids)
  const visible = await fetchVisibleProductIds(
    req.scope,
    notes.flatMap((n) => (n.products ?? []).map((p) => p.product_id)),
    req.publishable_key_context?.sales_channel_ids ?? []
  )
  res.json({
    notes: await toStoreListPage(req.scope, notes, {
      visible,
      customer_id: customerId,
    }),
    count,
    limit: params.limit,
    offset: params.offset,
  })
}
