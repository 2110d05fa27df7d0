import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { orderBy } from "../../utils/fields"
import { entryFilters, listCommissionPage } from "../../utils/commissions-read"
import type { AdminGetCommissionsParamsType } from "./validators"

/**
 * `GET /admin/commissions` → `{ commissions, count, limit, offset, totals }`:
 * the ledger, newest first, filtered by buyer, order, status, type,
 * currency and creation dates; `totals` sums the whole filtered set per
 * currency.
 */
export async function GET(
  req: AuthenticatedMedusaRequest<unknown, AdminGetCommissionsParamsType>,
  res: MedusaResponse
) {
  const p = req.validatedQuery as AdminGetCommissionsParamsType
  res.json(
    await listCommissionPage(req.scope, entryFilters(p), {
      ...p,
      order: orderBy(p.order),
    })
  )
}
