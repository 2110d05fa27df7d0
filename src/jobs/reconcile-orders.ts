import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { COMMISSION_MODULE } from "../modules/commission"
import type CommissionModuleService from "../modules/commission/service"
import { reconcileOrders } from "../utils/reconcile-orders"

// Where the sweep goes on in this process (null: no turn under way; a
// restart starts the turn again), and when the next turn may start: at
// most one every `reconcile_sweep_every_minutes`, so a small store's few
// orders are not synced again every minute.
let sweepCursor: string | null = null
let nextTurnAt = 0

/**
 * Heals orders a lost event left undecided, unaccrued or out of step with
 * the ledger (src/utils/reconcile-orders.ts). Every minute, in worker and
 * shared mode; idempotent, so two workers at once are safe.
 */
export default async function reconcileOrdersJob(container: MedusaContainer) {
  const every = container
    .resolve<CommissionModuleService>(COMMISSION_MODULE)
    .getOptions().reconcile_sweep_every_minutes
  const now = new Date()
  const turn = sweepCursor !== null || now.getTime() >= nextTurnAt
  if (turn && sweepCursor === null) {
    nextTurnAt = now.getTime() + every * 60_000
  }
  const out = await reconcileOrders(container, {
    now,
    sweep_from: turn ? (sweepCursor ?? "") : null,
  })
  if (turn) {
    sweepCursor = out.sweep_next
  }
  if (out.decided || out.accrued || out.resynced || out.failed) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .info(
        `notes: reconciled orders: ${out.decided} decided, ${out.accrued} accrued, ${out.resynced} of ${out.swept} swept resynced, ${out.failed} failed`
      )
  }
}

export const config = {
  name: "notes-reconcile-orders",
  schedule: "* * * * *",
}
