import type { LedgerChanges } from "../../../modules/commission/types"

export type CommissionEventData = {
  id: string
  buyer_id: string
  order_id: string | null
  type: string
  status: string
  amount: string
  currency_code: string
}

/** One event payload per entry a ledger write created, of one type. */
export function createdEntryEvents(
  changes: LedgerChanges | null | undefined,
  type: "accrual" | "reversal" | "adjustment"
): CommissionEventData[] {
  return (changes?.created ?? [])
    .filter((c) => c.type === type)
    .map((c) => ({
      id: c.id,
      buyer_id: c.buyer_id,
      order_id: c.order_id,
      type: c.type,
      status: c.status,
      amount: c.amount,
      currency_code: c.currency_code,
    }))
}

/** `{ id }` per entry whose status a ledger write moved to `to`. */
export function statusEvents(
  changes: LedgerChanges | null | undefined,
  to: string
): { id: string }[] {
  return (changes?.status_changes ?? [])
    .filter((s) => s.to === to)
    .map((s) => ({ id: s.id }))
}
