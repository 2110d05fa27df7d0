import type { SettlementOutcome } from "./pay-settlement"

export type SettlementEventData = {
  id: string
  buyer_id: string
  currency_code: string
  amount: string
  status: string
  provider_reference: string | null
  reason: string | null
}

const data = (s: SettlementOutcome): SettlementEventData => ({
  id: s.id,
  buyer_id: s.buyer_id,
  currency_code: s.currency_code,
  amount: s.amount,
  status: s.status,
  provider_reference: s.provider_reference,
  reason: s.reason,
})

/** `settlement.created` for new ones; `paid`/`failed` for every outcome. */
export function settlementEvents(
  created: SettlementOutcome[],
  other: SettlementOutcome[] = []
) {
  const all = [...other, ...created]
  return {
    created: created.map(data),
    paid: all.filter((s) => s.status === "paid").map(data),
    failed: all.filter((s) => s.status === "failed").map(data),
  }
}
