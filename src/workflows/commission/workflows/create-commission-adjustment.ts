import { emitEventStep } from "@medusajs/medusa/core-flows"
import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import {
  CreateCommissionAdjustmentInput,
  createCommissionAdjustmentStep,
} from "../steps/create-commission-adjustment"
import { validateCommissionAdjustmentStep } from "../steps/validate-commission-adjustment"
import { createdEntryEvents } from "../utils/ledger-events"

export const createCommissionAdjustmentWorkflowId =
  "create-commission-adjustment"

/**
 * A merchant's signed manual adjustment to a buyer's balance in one
 * currency, recorded with the admin user and a reason, payable at once.
 * Emits `commission.adjusted`.
 *
 * @example
 * await createCommissionAdjustmentWorkflow(container).run({
 *   input: { buyer_id, currency_code: "eur", amount: "-5", reason: "chargeback", actor_id: "user_1" },
 * })
 */
export const createCommissionAdjustmentWorkflow = createWorkflow(
  createCommissionAdjustmentWorkflowId,
  (input: CreateCommissionAdjustmentInput) => {
    validateCommissionAdjustmentStep(input)
    const changes = createCommissionAdjustmentStep(input)
    emitEventStep({
      eventName: "commission.adjusted",
      data: transform({ changes }, ({ changes }) =>
        createdEntryEvents(changes, "adjustment")
      ),
    })
    return new WorkflowResponse(
      transform({ changes }, ({ changes }) => ({ id: changes.created[0].id }))
    )
  }
)
