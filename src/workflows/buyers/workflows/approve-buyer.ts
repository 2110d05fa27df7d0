import { emitEventStep } from "@medusajs/medusa/core-flows"
import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { setNotesAuthorListedStep } from "../../notes/steps/set-notes-author-listed"
import { getBuyerStep } from "../steps/get-buyer"
import { updateBuyersStep } from "../steps/update-buyers"
import { validateBuyerTransitionStep } from "../steps/validate-buyer-transition"

export const approveBuyerWorkflowId = "approve-buyer"

/**
 * Approves a pending buyer, or reinstates a suspended one: they may publish,
 * their notes are back in the store, and their buy links earn. Emits
 * `buyer.approved`.
 *
 * @example
 * await approveBuyerWorkflow(container).run({ input: { id: "buyer_1" } })
 */
export const approveBuyerWorkflow = createWorkflow(
  approveBuyerWorkflowId,
  (input: { id: string }) => {
    const buyer = getBuyerStep(input)
    validateBuyerTransitionStep(
      transform({ buyer }, ({ buyer }) => ({ buyer, to: "approved" as const }))
    )
    updateBuyersStep(
      transform({ buyer }, ({ buyer }) => [
        {
          id: buyer.id,
          status: "approved" as const,
          approved_at: buyer.approved_at
            ? new Date(buyer.approved_at)
            : new Date(),
          suspended_at: null,
          suspended_reason: null,
        },
      ])
    )
    setNotesAuthorListedStep(
      transform({ buyer }, ({ buyer }) => ({
        buyer_id: buyer.id,
        listed: true,
      }))
    )
    emitEventStep({
      eventName: "buyer.approved",
      data: transform({ buyer }, ({ buyer }) => ({ id: buyer.id })),
    })
    return new WorkflowResponse(
      transform({ buyer }, ({ buyer }) => ({ id: buyer.id }))
    )
  }
)
