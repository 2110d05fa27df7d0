import type CommissionModuleService from "../../src/modules/commission/service"
import type { AccrualLineInput } from "../../src/modules/commission/types"
import type { OrderLedgerFacts } from "../../src/modules/commission/utils/plan-order"

/** An attributed line for `accrueLines`, with sensible defaults. */
export function accrualLine(
  over: Partial<AccrualLineInput> & { order_id: string; order_line_id: string }
): AccrualLineInput {
  return {
    attribution_line_id: null,
    buyer_id: "buyer_1",
    tier: "default",
    note_id: "note_1",
    product_id: "prod_1",
    variant_id: "variant_1",
    collection_id: null,
    category_ids: [],
    currency_code: "eur",
    quantity: 1,
    base_amount: "100",
    at: new Date(),
    ...over,
  }
}

/** Order facts for `syncOrderLedger`: nothing fulfilled, returned or refunded. */
export function orderFacts(
  order_id: string,
  lines: {
    id: string
    quantity: number
    fulfilled?: number
    returned?: number
  }[],
  over: Partial<OrderLedgerFacts> = {}
): OrderLedgerFacts {
  return {
    order_id,
    canceled: false,
    lines: lines.map((l) => ({
      order_line_id: l.id,
      quantity: l.quantity,
      fulfilled_quantity: l.fulfilled ?? 0,
      returned_quantity: l.returned ?? 0,
    })),
    refund_share: { numerator: "0", denominator: "1" },
    ...over,
  }
}

export type EntryRow = {
  id: string
  type: string
  status: string
  amount: string
  reverses_id: string | null
  order_line_id: string | null
  settlement_id: string | null
  available_at: Date | null
}

/** The entries of an order (or all), amounts as exact strings. */
export async function entriesOf(
  service: CommissionModuleService,
  filters: Record<string, unknown>
): Promise<EntryRow[]> {
  const rows = await service.listCommissionEntries(filters, {
    order: { created_at: "ASC", id: "ASC" },
  })
  return rows.map((r) => ({
    id: r.id,
    type: r.type,
    status: r.status,
    amount: (r.raw_amount as unknown as { value: string }).value,
    reverses_id: r.reverses_id ?? null,
    order_line_id: r.order_line_id ?? null,
    settlement_id: r.settlement_id ?? null,
    available_at: r.available_at ?? null,
  }))
}

/**
 * Marks approved, unsettled entries paid by a settlement, as a completed
 * settlement leaves them (for tests of what comes after a payout; the
 * settlement paths themselves are tested in settlement-claims.spec.ts).
 */
export async function payEntries(
  sql: (text: string, bindings?: unknown[]) => Promise<unknown>,
  ids: string[],
  settlementId: string
) {
  const rows = (await sql(
    `UPDATE commission_entry SET status = 'paid', settlement_id = ?
     WHERE id IN (?) AND status = 'approved' AND settlement_id IS NULL
     RETURNING id`,
    [settlementId, ids]
  )) as unknown[]
  if (rows.length !== ids.length) {
    throw new Error(`only ${rows.length} of ${ids.length} entries were payable`)
  }
}
