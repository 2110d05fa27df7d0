import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
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
    const fields = [
      ...new Set(input.flatMap((u) => Object.keys(u))),
    ] as (keyof UpdateBuyerData)[]
    const previous = await service.listBuyers(
      { id: input.map((u) => u.id) },
      { select: fields }
    )
    const updated = await service.updateBuyers(input as never)
    return new StepResponse(
      updated,
      previous.map((p) => {
        const restore: Record<string, unknown> = {}
        for (const key of fields) {
          restore[key] = (p as Record<string, unknown>)[key]
        }
        return restore
      })
    )
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
