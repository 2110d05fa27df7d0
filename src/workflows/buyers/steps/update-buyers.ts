import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { previousValues, touchedFields } from "../../utils/previous-values"
import { BUYERS_MODULE } from "../../../modules/buyers"
import type BuyersModuleService from "../../../modules/buyers/service"

export type UpdateBuyerData = {
  id: string
  handle?: string
  display_name?: string
  bio?: string | null
  avatar_url?: string | null
  tier?: string
  status?: "pending" | "approved" | "suspended"
  approved_at?: Date | null
  suspended_at?: Date | null
  suspended_reason?: string | null
  metadata?: Record<string, unknown> | null
}

export const updateBuyersStepId = "update-buyers"

/**
 * Updates buyer profiles. Compensation writes back the previous value of
 * every field it changed.
 *
 * @example
 * updateBuyersStep([{ id: "buyer_1", tier: "gold" }])
 */
export const updateBuyersStep = createStep(
  updateBuyersStepId,
  async (input: UpdateBuyerData[], { container }) => {
    const service = container.resolve<BuyersModuleService>(BUYERS_MODULE)
    const fields = touchedFields(input)
    const current = await service.listBuyers(
      { id: input.map((u) => u.id) },
      { select: fields as string[] }
    )
    const updated = await service.updateBuyers(input as never)
    return new StepResponse(updated, previousValues(fields, current))
  },
  async (previous, { container }) => {
    if (!previous?.length) {
      return
    }
    await container
      .resolve<BuyersModuleService>(BUYERS_MODULE)
      .updateBuyers(previous as never)
  }
)
