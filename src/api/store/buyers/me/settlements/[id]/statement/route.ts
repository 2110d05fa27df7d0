import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { fetchMyBuyer } from "../../../../../../utils/buyers-read"
import { csvLine, sendCsv } from "../../../../../../utils/csv"
import {
  allSettlementEntries,
  ENTRY_CSV_HEADER,
  entryCsvRow,
  fetchSettlement,
} from "../../../../../../utils/settlements-read"

/**
 * `GET /store/buyers/me/settlements/{id}/statement` → a CSV statement of
 * one of the caller's settlements: a summary (period, amount, status,
 * reference), then every entry it paid. Named by the month it was paid
 * (or created).
 */
export async function GET(
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) {
  const buyer = await fetchMyBuyer(req.scope, req.auth_context.actor_id)
  const s = await fetchSettlement(req.scope, req.params.id, {
    buyer_id: buyer.id,
  })
  const entries = await allSettlementEntries(req.scope, s.id)
  const month = new Date((s.paid_at ?? s.created_at) as string)
    .toISOString()
    .slice(0, 7)
  const summary =
    csvLine([
      "statement",
      "buyer",
      "settlement",
      "month",
      "currency_code",
      "amount",
      "status",
      "reference",
      "period_start",
      "period_end",
      "entries",
    ]) +
    csvLine([
      "settlement",
      buyer.handle,
      s.id,
      month,
      s.currency_code,
      s.amount,
      s.status,
      s.provider_reference,
      s.period_start,
      s.period_end,
      s.entry_count,
    ]) +
    "\r\n"
  sendCsv(
    res,
    `statement-${month}-${s.id}.csv`,
    ENTRY_CSV_HEADER,
    entries.map(entryCsvRow),
    summary
  )
}
