import { emitEventStep } from "@medusajs/medusa/core-flows"
import {
  createWorkflow,
  transform,
  when,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import {
  setBuyerFollowStep,
  type SetBuyerFollowStepInput,
} from "../steps/set-buyer-follow"

export type SetBuyerFollowWorkflowInput = SetBuyerFollowStepInput

export const setBuyerFollowWorkflowId = "set-buyer-follow"

/**
 * A customer follows a buyer (`on: true`), or unfollows (`on: false`).
 * Idempotent: a repeat changes nothing. Emits `buyer.followed`
 * `{ id, customer_id, followers_count }` once per real follow, never for a
 * repeat or an unfollow.
 *
 * @example
 * await setBuyerFollowWorkflow(container).run({
 *   input: { handle: "lin", customer_id: "cus_1", on: true },
 * })
 */
export const setBuyerFollowWorkflow = createWorkflow(
  setBuyerFollowWorkflowId,
  (input: SetBuyerFollowWorkflowInput) => {
    const result = setBuyerFollowStep(input)
    when(
      "buyer-followed",
      { result },
      ({ result }) => result.changed && result.on
    ).then(() => {
      emitEventStep({
        eventName: "buyer.followed",
        data: transform({ result }, ({ result }) => ({
          id: result.buyer_id,
          customer_id: result.customer_id,
          followers_count: result.followers_count,
        })),
      }).config({ name: "emit-buyer-followed" })
    })
    return new WorkflowResponse(result)
  }
)
