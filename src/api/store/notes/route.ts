import type {
  MedusaResponse,
  MedusaStoreRequest,
} from "@medusajs/framework/http"
import { NOTES_MODULE } from "../../../modules/notes"
import type NotesModuleService from "../../../modules/notes/service"
import type { StoreNotesListResponse } from "../../../types"
import { fetchNotesByIds, toStoreListItem } from "../../utils/notes-read"
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
  const { ids, count, count_exact } = await service.searchNotes({
    q: params.q,
    tag: params.tag,
    product_id: params.product_id,
    buyer_id: params.buyer,
    locale: params.note_locale,
    limit: params.limit,
    offset: params.offset,
  })
  const notes = await fetchNotesByIds(req.scope, ids)
  res.json({
    notes: notes.map((n) => toStoreListItem(n, service)),
    count,
    count_exact,
    limit: params.limit,
    offset: params.offset,
  })
}
