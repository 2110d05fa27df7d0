import { emitEventStep } from "@medusajs/medusa/core-flows"
import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { approveDueCommissionsStep } from "../steps/approve-due-commissions"
import { statusEvents } from "../utils/ledger-events"

export const approveCommissionsWorkflowId = "approve-commissions"

/**
 * Approves one batch of pending entries whose hold has ended, and emits
 * `commission.approved` for each. Returns how many it approved.
 *
 * @example
 * const { result } = await approveCommissionsWorkflow(container).run({ input: {} })
 */
export const approveCommissionsWorkflow = createWorkflow(
  approveCommissionsWorkflowId,
  (input: { now?: Date; limit?: number }) => {
    const changes = approveDueCommissionsStep(input)
    emitEventStep({
      eventName: "commission.approved",
      data: transform({ changes }, ({ changes }) =>
        statusEvents(changes, "approved")
      ),
    })
    return new WorkflowResponse(
      transform({ changes }, ({ changes }) => ({
        approved: changes.status_changes.length,
      }))
    )
  }
)
