import { emitEventStep } from "@medusajs/medusa/core-flows"
import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { sanitizePlainText } from "../../../modules/notes/utils/sanitize"
import { setNotesAuthorListedStep } from "../../notes/steps/set-notes-author-listed"
import { getBuyerStep } from "../steps/get-buyer"
import { updateBuyersStep } from "../steps/update-buyers"
import { validateBuyerTransitionStep } from "../steps/validate-buyer-transition"

export const suspendBuyerWorkflowId = "suspend-buyer"

/**
 * Suspends a buyer, keeping the reason: their notes leave the store and
 * their buy links stop earning (they still redirect). Emits
 * `buyer.suspended`.
 *
 * @example
 * await suspendBuyerWorkflow(container).run({ input: { id: "buyer_1", reason: "Fake reviews" } })
 */
export const suspendBuyerWorkflow = createWorkflow(
  suspendBuyerWorkflowId,
  (input: { id: string; reason: string }) => {
    const buyer = getBuyerStep(
      transform({ input }, ({ input }) => ({ id: input.id }))
    )
    validateBuyerTransitionStep(
      transform({ buyer }, ({ buyer }) => ({ buyer, to: "suspended" as const }))
    )
    // One sanitised reason, stored and announced alike.
    const reason = transform({ input }, ({ input }) =>
      sanitizePlainText(input.reason)
    )
    updateBuyersStep(
      transform({ buyer, reason }, ({ buyer, reason }) => [
        {
          id: buyer.id,
          status: "suspended" as const,
          suspended_at: new Date(),
          suspended_reason: reason,
        },
      ])
    )
    setNotesAuthorListedStep(
      transform({ buyer }, ({ buyer }) => ({
        buyer_id: buyer.id,
        listed: false,
      }))
    )
    emitEventStep({
      eventName: "buyer.suspended",
      data: transform({ buyer, reason }, ({ buyer, reason }) => ({
        id: buyer.id,
        reason,
      })),
    })
    return new WorkflowResponse(
      transform({ buyer }, ({ buyer }) => ({ id: buyer.id }))
    )
  }
)
