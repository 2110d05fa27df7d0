import type {
  MedusaResponse,
  MedusaStoreRequest,
} from "@medusajs/framework/http"
import { NOTES_MODULE } from "../../../modules/notes"
import type NotesModuleService from "../../../modules/notes/service"
import type { StoreNotesListResponse } from "../../../types"
import { resolveBuyerRef } from "../../utils/buyers-read"
import {
  fetchAuthors,
  fetchNotesByIds,
  toStoreListItem,
} from "../../utils/notes-read"
import type { StoreGetNotesParamsType } from "./validators"

/**
 * `GET /store/notes`: published notes, searched (`q`: full text, ranked; CJK
 * substrings) and filtered by tag, tagged product, buyer and locale.
 */
export async function GET(
  req: MedusaStoreRequest<unknown, StoreGetNotesParamsType>,
  res: MedusaResponse<StoreNotesListResponse>
) {
  const params = req.validatedQuery as StoreGetNotesParamsType
  const service = req.scope.resolve<NotesModuleService>(NOTES_MODULE)
  const buyerId = params.buyer
    ? await resolveBuyerRef(req.scope, params.buyer)
    : undefined
  if (buyerId === null) {
    // No buyer by that handle: no notes, not an error (a stale link).
    res.json({
      notes: [],
      count: 0,
      count_exact: true,
      limit: params.limit,
      offset: params.offset,
    })
    return
  }
  const { ids, count, count_exact } = await service.searchNotes({
    q: params.q,
    listed_only: true,
    tag: params.tag,
    product_id: params.product_id,
    buyer_id: buyerId,
    locale: params.note_locale,
    limit: params.limit,
    offset: params.offset,
  })
  const notes = await fetchNotesByIds(req.scope, ids)
  const authors = await fetchAuthors(req.scope, notes)
  res.json({
    notes: notes.map((n) => toStoreListItem(n, service, authors)),
    count,
    count_exact,
    limit: params.limit,
    offset: params.offset,
  })
}
