import { emitEventStep } from "@medusajs/medusa/core-flows"
import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { normalizeHandle } from "../../../modules/buyers/utils/handle"
import { sanitizePlainText } from "../../../modules/notes/utils/sanitize"
import type { ApplyBuyerInput } from "../../../types"
import { createBuyerStep } from "../steps/create-buyer"
import { validateBuyerApplicationStep } from "../steps/validate-buyer-application"

export const applyBuyerWorkflowId = "apply-buyer"

/**
 * A customer applies to become a buyer: one profile per customer, a free
 * and acceptable handle. The profile starts `pending` until a merchant
 * approves it. Emits `buyer.applied`.
 *
 * @example
 * await applyBuyerWorkflow(container).run({
 *   input: { customer_id: "cus_1", handle: "lin", display_name: "Lin Xiao" },
 * })
 */
export const applyBuyerWorkflow = createWorkflow(
  applyBuyerWorkflowId,
  (input: ApplyBuyerInput) => {
    const data = transform({ input }, ({ input }) => ({
      customer_id: input.customer_id,
      handle: normalizeHandle(input.handle),
      display_name: sanitizePlainText(input.display_name),
      bio: input.bio ? sanitizePlainText(input.bio) : null,
      avatar_url: input.avatar_url ?? null,
    }))
    validateBuyerApplicationStep(
      transform({ data }, ({ data }) => ({
        customer_id: data.customer_id,
        handle: data.handle,
      }))
    )
    const buyer = createBuyerStep(data)
    emitEventStep({
      eventName: "buyer.applied",
      data: transform({ buyer }, ({ buyer }) => ({
        id: buyer.id,
        customer_id: buyer.customer_id,
      })),
    })
    return new WorkflowResponse(buyer)
  }
)
