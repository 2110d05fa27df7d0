import type {
  MedusaResponse,
  MedusaStoreRequest,
} from "@medusajs/framework/http"
import { NOTES_MODULE } from "../../../modules/notes"
import type NotesModuleService from "../../../modules/notes/service"
import type { StoreNotesListResponse } from "../../../types"
import { resolveBuyerRef } from "../../utils/buyers-read"
import { followingFeedBuyerIds } from "../../utils/following-feed"
import {
  fetchNotesByIds,
  fetchVisibleProductIds,
  toStoreListPage,
} from "../../utils/notes-read"
import type { StoreGetNotesParamsType } from "./validators"

/**
 * `GET /store/notes`: published notes, searched (`q`: full text, ranked; CJK
 * substrings) and filtered by tag, tagged product, buyer and locale.
 *
 * Tagged products follow Medusa's store visibility for the publishable key
 * (published, in one of its sales channels), as on the note's page: the
 * others are left out of each note, and `product_id` naming one of them
 * matches nothing. One product read per request, for the whole page and the
 * filter together. A logged-in customer also reads `liked` and `saved`,
 * and can ask for `feed=following`: only notes by the buyers they follow.
 */
export async function GET(
  req: MedusaStoreRequest<unknown, StoreGetNotesParamsType>,
  res: MedusaResponse<StoreNotesListResponse>
) {
  const params = req.validatedQuery as StoreGetNotesParamsType
  const service = req.scope.resolve<NotesModuleService>(NOTES_MODULE)
  const sendEmpty = () =>
    res.json({
      notes: [],
      count: 0,
      count_exact: true,
      limit: params.limit,
      offset: params.offset,
    })
  const followed = await followingFeedBuyerIds(
    req.scope,
    params.feed,
    req.auth_context?.actor_id
  )
  if (followed?.length === 0) {
    // Following nobody (the store shows): an empty feed.
    return sendEmpty()
  }
  const buyerId = params.buyer
    ? await resolveBuyerRef(req.scope, params.buyer)
    : undefined
  if (buyerId === null) {
    // No buyer by that handle: no notes, not an error (a stale link).
    return sendEmpty()
  }
  const channels = req.publishable_key_context?.sales_channel_ids ?? []
  const { ids, count, count_exact } = await service.searchNotes({
    q: params.q,
    order: params.sort === "trending" ? "trending" : undefined,
    listed_only: true,
    tag: params.tag,
    product_id: params.product_id,
    buyer_id: buyerId,
    buyer_ids: followed,
    locale: params.note_locale,
    limit: params.limit,
    offset: params.offset,
  })
  const notes = await fetchNotesByIds(req.scope, ids)
  // One read answers both the page's products and the `product_id` filter
  // (every note of the page tags it; a page past the end has none, so it is
  // asked for explicitly). Nothing matched: nothing to read.
  const tagged = notes.flatMap((n) =>
    (n.products ?? []).map((p) => p.product_id)
  )
  if (params.product_id && count > 0) {
    tagged.push(params.product_id)
  }
  const visible = await fetchVisibleProductIds(req.scope, tagged, channels)
  if (params.product_id && !visible.has(params.product_id)) {
    // Not a product this channel shows: as Medusa's product list, nothing.
    return sendEmpty()
  }
  res.json({
    notes: await toStoreListPage(req.scope, notes, {
      visible,
      customer_id: req.auth_context?.actor_id,
    }),
    count,
    count_exact,
    limit: params.limit,
    offset: params.offset,
  })
}
