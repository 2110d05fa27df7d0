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
  listSettlementEntries,
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
  const settlement = await fetchSettlement(req.scope, req.params.id)
  if (p.format === "csv") {
    const entries = await allSettlementEntries(req.scope, settlement.id)
    return sendCsv(
      res,
      `settlement-${settlement.id}.csv`,
      ENTRY_CSV_HEADER,
      entries.map(entryCsvRow)
    )
  }
  res.json({
    settlement,
    ...(await listSettlementEntries(req.scope, settlement.id, p)),
  })
}
