import type {
  MedusaResponse,
  MedusaStoreRequest,
} from "@medusajs/framework/http"
import type { StoreNoteResponse } from "../../../../types"
import { fetchNoteOrThrow, toStoreNote } from "../../../utils/notes-read"
import type { StoreGetNoteParamsType } from "../validators"

/**
 * `GET /store/notes/{id}`: one published note with its tagged products,
 * their prices in the asked region or currency, and their buy links. A
 * draft, hidden or deleted note answers 404. A logged-in customer also
 * reads `liked` and `saved`.
 */
export async function GET(
  req: MedusaStoreRequest<unknown, StoreGetNoteParamsType>,
  res: MedusaResponse<StoreNoteResponse>
) {
  const params = req.validatedQuery as StoreGetNoteParamsType
  const note = await fetchNoteOrThrow(req.scope, req.params.id, {
    publishedOnly: true,
  })
  res.json({
    note: await toStoreNote(
      req.scope,
      note,
      {
        region_id: params.region_id,
        currency_code: params.currency_code,
        sales_channel_ids: req.publishable_key_context.sales_channel_ids,
      },
      req.auth_context?.actor_id
    ),
  })
}
