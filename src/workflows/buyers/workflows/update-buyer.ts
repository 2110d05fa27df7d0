import { emitEventStep } from "@medusajs/medusa/core-flows"
import {
  createWorkflow,
  transform,
  when,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { normalizeHandle } from "../../../modules/buyers/utils/handle"
import { sanitizePlainText } from "../../../modules/notes/utils/sanitize"
import type { UpdateBuyerInput } from "../../../types"
import { getBuyerStep } from "../steps/get-buyer"
import { updateBuyersStep } from "../steps/update-buyers"
import { validateBuyerApplicationStep } from "../steps/validate-buyer-application"

export type UpdateBuyerWorkflowInput = {
  /** The buyer, by id (admin) or by customer (the buyer themself). */
  id?: string
  customer_id?: string
  update: UpdateBuyerInput
}

export const updateBuyerWorkflowId = "update-buyer"

/**
 * Updates a buyer's profile (handle, display name, bio, avatar) or, for a
 * merchant, the tier. Emits `buyer.updated`.
 *
 * @example
 * await updateBuyerWorkflow(container).run({ input: { id: "buyer_1", update: { tier: "gold" } } })
 */
export const updateBuyerWorkflow = createWorkflow(
  updateBuyerWorkflowId,
  (input: UpdateBuyerWorkflowInput) => {
    const buyer = getBuyerStep(
      transform({ input }, ({ input }) => ({
        id: input.id,
        customer_id: input.customer_id,
      }))
    )
    const data = transform({ input, buyer }, ({ input, buyer }) => {
      const u = input.update
      const out: Record<string, unknown> = { id: buyer.id }
      if (u.handle !== undefined) out.handle = normalizeHandle(u.handle)
      if (u.display_name !== undefined)
        out.display_name = sanitizePlainText(u.display_name)
      if (u.bio !== undefined) out.bio = u.bio ? sanitizePlainText(u.bio) : null
      if (u.avatar_url !== undefined) out.avatar_url = u.avatar_url
      if (u.tier !== undefined) out.tier = u.tier.trim()
      if (u.metadata !== undefined) out.metadata = u.metadata
      return out as { id: string; handle?: string }
    })
    when({ data }, ({ data }) => data.handle !== undefined).then(() => {
      validateBuyerApplicationStep(
        transform({ data }, ({ data }) => ({
          handle: data.handle,
          buyer_id: data.id,
        }))
      )
    })
    updateBuyersStep(transform({ data }, ({ data }) => [data]))
    emitEventStep({
      eventName: "buyer.updated",
      data: transform({ buyer }, ({ buyer }) => ({ id: buyer.id })),
    })
    return new WorkflowResponse(
      transform({ buyer }, ({ buyer }) => ({ id: buyer.id }))
    )
  }
)
