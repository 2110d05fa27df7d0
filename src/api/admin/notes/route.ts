import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import type { NoteSortField } from "../../../modules/notes/utils/search-sql"
import type { AdminNoteResponse, AdminNotesListResponse } from "../../../types"
import { createNotesWorkflow } from "../../../workflows"
import { fetchNoteOrThrow, searchNotesPage } from "../../utils/notes-read"
import type { AdminCreateNoteType, AdminGetNotesParamsType } from "./validators"

/**
 * `GET /admin/notes`: every status but deleted, searchable like the store;
 * `order` (created_at, published_at, title, `-` for descending) sorts the
 * page, and the matches of `q` too.
 */
export async function GET(
  req: AuthenticatedMedusaRequest<unknown, AdminGetNotesParamsType>,
  res: MedusaResponse<AdminNotesListResponse>
) {
  const params = req.validatedQuery as AdminGetNotesParamsType
  res.json(
    await searchNotesPage(req.scope, {
      q: params.q,
      statuses: params.status
        ? Array.isArray(params.status)
          ? params.status
          : [params.status]
        : undefined,
      tag: params.tag,
      product_id: params.product_id,
      buyer_id: params.buyer_id,
      locale: params.locale,
      limit: params.limit,
      offset: params.offset,
      sort: params.order
        ? {
            field: params.order.replace(/^-/, "") as NoteSortField,
            desc: params.order.startsWith("-"),
          }
        : undefined,
    })
  )
}

/** `POST /admin/notes`: creates a note (merchant's, or a buyer's by `buyer_id`). */
export async function POST(
  req: AuthenticatedMedusaRequest<AdminCreateNoteType>,
  res: MedusaResponse<AdminNoteResponse>
) {
  const { result } = await createNotesWorkflow(req.scope).run({
    input: { notes: [req.validatedBody] },
  })
  res.json({
    note: await fetchNoteOrThrow(req.scope, result[0].id, {
      publishedOnly: false,
    }),
  })
}
