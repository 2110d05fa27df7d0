import type { MedusaContainer } from "@medusajs/framework/types"
import { COMMISSION_MODULE } from "../modules/commission"
import type CommissionModuleService from "../modules/commission/service"
import { approveCommissionsWorkflow } from "../workflows"

// Bounded, so one run never holds the worker for long; the next run goes on.
const MAX_BATCHES = 100

/** Approves commission whose hold has ended, batch by batch. */
export default async function approveCommissions(container: MedusaContainer) {
  const limit = container
    .resolve<CommissionModuleService>(COMMISSION_MODULE)
    .getOptions().commission_approval_batch_size
  for (let i = 0; i < MAX_BATCHES; i++) {
    const { result } = await approveCommissionsWorkflow(container).run({
      input: { limit },
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
