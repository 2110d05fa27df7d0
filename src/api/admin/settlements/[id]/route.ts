import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { sendCsv } from "../../../utils/csv"
import {
  allSettlementEntries,
  ENTRY_CSV_HEADER,
  entryCsvRow,
  fetchSettlement,
} from "../../../utils/settlements-read"
import type { AdminGetSettlementParamsType } from "../validators"

/**
 * `GET /admin/settlements/{id}` → `{ settlement, entries, entries_count,
 * limit, offset }`; `format=csv` downloads all its entries.
 */
export async function GET(
  req: AuthenticatedMedusaRequest<unknown, AdminGetSettlementParamsType>,
  res: MedusaResponse
) {
  const p = req.validatedQuery as AdminGetSettlementParamsType
  const found = await fetchSettlement(req.scope, req.params.id, p)
  if (p.format === "csv") {
    const entries = await allSettlementEntries(req.scope, req.params.id)
    return sendCsv(
      res,
      `settlement-${req.params.id}.csv`,
      ENTRY_CSV_HEADER,
      entries.map(entryCsvRow)
    )
  }
  res.json(found)
}
