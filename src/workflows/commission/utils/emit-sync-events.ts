import { emitEventStep } from "@medusajs/medusa/core-flows"
import { transform } from "@medusajs/framework/workflows-sdk"
import type { WorkflowData } from "@medusajs/framework/workflows-sdk"
import type { LedgerChanges } from "../../../modules/commission/types"
import { createdEntryEvents, statusEvents } from "./ledger-events"

/**
 * Inside a workflow: announces what an order sync wrote,
 * `commission.reversed` per reversal and `commission.voided` per void.
 */
export function emitSyncEvents(synced: WorkflowData<LedgerChanges>) {
  emitEventStep({
    eventName: "commission.reversed",
    data: transform({ synced }, ({ synced }) =>
      createdEntryEvents(synced, "reversal")
    ),
  }).config({ name: "emit-commission-reversed" })
  emitEventStep({
    eventName: "commission.voided",
    data: transform({ synced }, ({ synced }) => statusEvents(synced, "void")),
  }).config({ name: "emit-commission-voided" })
}
