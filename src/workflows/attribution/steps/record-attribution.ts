import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ATTRIBUTION_MODULE } from "../../../modules/attribution"
import type AttributionModuleService from "../../../modules/attribution/service"
import type { AttributionDecision } from "../../../modules/attribution/service"

export const recordAttributionStepId = "record-attribution"

/**
 * Writes an order's attribution decision and credited lines, once (unique
 * per order and per line: a re-delivered event writes nothing). Compensation
 * removes only what this run created.
 *
 * @example
 * recordAttributionStep(decision)
 */
export const recordAttributionStep = createStep(
  recordAttributionStepId,
  async (decision: AttributionDecision, { container }) => {
    const service =
      container.resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
    const result = await service.recordDecision(decision)
    return new StepResponse(result, result.created ? result.id : null)
  },
  async (createdId, { container }) => {
    if (!createdId) {
      return
    }
    const service =
      container.resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
    const lines = await service.listAttributionLines(
      { order_attribution_id: createdId },
      { select: ["id"] }
    )
    if (lines.length) {
      await service.deleteAttributionLines(lines.map((l) => l.id))
    }
    await service.deleteOrderAttributions(createdId)
  }
)
