import { emitEventStep } from "@medusajs/medusa/core-flows"
import { transform, type WorkflowData } from "@medusajs/framework/workflows-sdk"
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

/**
 * Inside a workflow: emits `settlementEvents(created, other)`,
 * `settlement.created` only when `created` is given (a run; a retry
 * creates no settlement), then `settlement.paid` and `settlement.failed`.
 */
export function emitSettlementEvents(
  outcomes: WorkflowData<{
    created?: SettlementOutcome[]
    other: SettlementOutcome[]
  }>,
  options: { created: boolean }
) {
  const events = transform({ outcomes }, ({ outcomes }) =>
    settlementEvents(outcomes.created ?? [], outcomes.other)
  )
  if (options.created) {
    emitEventStep({
      eventName: "settlement.created",
      data: transform({ events }, ({ events }) => events.created),
    }).config({ name: "emit-settlement-created" })
  }
  emitEventStep({
    eventName: "settlement.paid",
    data: transform({ events }, ({ events }) => events.paid),
  }).config({ name: "emit-settlement-paid" })
  emitEventStep({
    eventName: "settlement.failed",
    data: transform({ events }, ({ events }) => events.failed),
  }).config({ name: "emit-settlement-failed" })
}
