import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { COMMISSION_MODULE } from "../modules/commission"
import type CommissionModuleService from "../modules/commission/service"
import {
  approveCommissionsWorkflow,
  syncOrderCommissionsWorkflow,
} from "../workflows"

// Bounded, so one run never holds the worker for long; the next run goes on.
const MAX_BATCHES = 100

/**
 * Approves commission whose hold has ended, batch by batch. Each batch's
 * orders are synced with their current state first: a return, refund or
 * cancel whose event was lost (docs/deploying.md) is reversed before its
 * commission becomes payable, not clawed back after it was paid.
 */
export default async function approveCommissions(container: MedusaContainer) {
  await approveDueCommissions(container)
}

/** The job's work at `now` (tests move the clock). */
export async function approveDueCommissions(
  container: MedusaContainer,
  now: Date = new Date()
): Promise<void> {
  const commission =
    container.resolve<CommissionModuleService>(COMMISSION_MODULE)
  const limit = commission.getOptions().commission_approval_batch_size
  for (let i = 0; i < MAX_BATCHES; i++) {
    for (const order_id of await commission.listDueOrderIds(now, limit)) {
      // One order failing to sync must not stall every buyer's approval:
      // it is logged and its entries approved as its events left them.
      await syncOrderCommissionsWorkflow(container)
        .run({ input: { order_id } })
        .catch((e: Error) =>
          container
            .resolve(ContainerRegistrationKeys.LOGGER)
            .warn(
              `notes: syncing order ${order_id} before approval failed: ${e.message}`
            )
        )
    }
    const { result } = await approveCommissionsWorkflow(container).run({
      input: { now, limit },
    })
    if (result.approved < limit) {
      return
    }
  }
}

export const config = {
  name: "notes-approve-commissions",
  schedule: "*/15 * * * *",
}
