import { emitEventStep } from "@medusajs/medusa/core-flows"
import {
  createWorkflow,
  transform,
  when,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import type { AttributionDecision } from "../../../modules/attribution/service"
import { decideOrderAttributionStep } from "../steps/decide-order-attribution"
import { recordAttributionStep } from "../steps/record-attribution"

export const attributeOrderWorkflowId = "attribute-order"

/**
 * Decides, once, which buyer's click an order's lines came from and records
 * it (see `decideAttribution` for the rule). Idempotent: running it again
 * for the same order, even concurrently, changes nothing. Emits
 * `attribution.created` when lines were credited.
 *
 * @example
 * await attributeOrderWorkflow(container).run({ input: { order_id: "order_123" } })
 */
export const attributeOrderWorkflow = createWorkflow(
  attributeOrderWorkflowId,
  (input: { order_id: string }) => {
    const decision = decideOrderAttributionStep(input)
    const recorded = when({ decision }, ({ decision }) => !!decision).then(() =>
      recordAttributionStep(decision as unknown as AttributionDecision)
    )
    emitEventStep({
      eventName: "attribution.created",
      data: transform({ decision, recorded }, ({ decision, recorded }) =>
        decision && recorded?.created && decision.outcome === "attributed"
          ? [
              {
                id: recorded.id,
                order_id: decision.order_id,
                buyer_id: decision.buyer_id,
                click_id: decision.click_id,
                lines: decision.lines.length,
              },
            ]
          : []
      ),
    })
    return new WorkflowResponse(
      transform({ decision, recorded }, ({ decision, recorded }) => ({
        decision,
        id: recorded?.id ?? null,
        created: recorded?.created ?? false,
      }))
    )
  }
)
