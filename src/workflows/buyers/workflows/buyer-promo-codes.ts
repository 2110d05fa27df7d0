import {
  createCampaignsStep,
  createPromotionsStep,
  emitEventStep,
  updatePromotionsStep,
} from "@medusajs/medusa/core-flows"
import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import type {
  CreateCampaignDTO,
  CreatePromotionDTO,
} from "@medusajs/framework/types"
import { createBuyerPromoCodeStep } from "../steps/create-buyer-promo-code"
import { getBuyerStep } from "../steps/get-buyer"
import { setBuyerPromoCodeStatusStep } from "../steps/set-buyer-promo-code-status"
import { validateBuyerPromoCodeStep } from "../steps/validate-buyer-promo-code"

export type CreateBuyerPromoCodeWorkflowInput = {
  buyer_id: string
  /** Upper case (the route's validator makes it so). */
  code: string
  type: "percentage" | "fixed"
  /** A decimal string: percent, or the amount off in `currency_code`. */
  value: string
  currency_code?: string | null
  usage_limit?: number | null
  starts_at?: Date | null
  ends_at?: Date | null
}

export const createBuyerPromoCodeWorkflowId = "create-buyer-promo-code"

/**
 * Gives an approved buyer a personal promo code: a Medusa campaign (the
 * dates, and a usage budget that counts the orders and holds the optional
 * limit), a Medusa promotion with the code (percentage or fixed off the
 * whole order, entered by the shopper, never automatic) in it, and the
 * buyer's row naming both. Each step's compensation deletes what it made.
 * Emits `buyer.promo_code_created`.
 *
 * @example
 * await createBuyerPromoCodeWorkflow(container).run({
 *   input: { buyer_id: "buyer_1", code: "LIN10", type: "percentage", value: "10" },
 * })
 */
export const createBuyerPromoCodeWorkflow = createWorkflow(
  createBuyerPromoCodeWorkflowId,
  (input: CreateBuyerPromoCodeWorkflowInput) => {
    const buyer = getBuyerStep(
      transform({ input }, ({ input }) => ({ id: input.buyer_id }))
    )
    validateBuyerPromoCodeStep(
      transform({ buyer, input }, ({ buyer, input }) => ({
        buyer,
        code: input.code,
      }))
    )
    const campaigns = createCampaignsStep(
      transform({ buyer, input }, ({ buyer, input }): CreateCampaignDTO[] => [
        {
          name: `Buyer code ${input.code}`,
          description: `Personal promo code of buyer ${buyer.handle}`,
          campaign_identifier: `buyer-code-${input.code}`,
          starts_at: input.starts_at ?? null,
          ends_at: input.ends_at ?? null,
          budget: { type: "usage", limit: input.usage_limit ?? null },
        },
      ])
    )
    const promotions = createPromotionsStep(
      transform(
        { campaigns, input },
        ({ campaigns, input }): CreatePromotionDTO[] => [
          {
            code: input.code,
            type: "standard",
            status: "active",
            is_automatic: false,
            campaign_id: campaigns[0].id,
            application_method: {
              type: input.type,
              target_type: "order",
              // The decimal string as it came (no float): the promotion
              // module stores `value` as a bigNumber and takes a string,
              // but CreateApplicationMethodDTO types it `number` at both
              // 2.15.5 and 2.21.2 (not BigNumberInput), hence the cast.
              value: input.value as unknown as number,
              currency_code: input.currency_code ?? undefined,
            },
          },
        ]
      )
    )
    const row = createBuyerPromoCodeStep(
      transform(
        { buyer, campaigns, promotions, input },
        ({ buyer, campaigns, promotions, input }) => ({
          buyer_id: buyer.id,
          promotion_id: promotions[0].id,
          campaign_id: campaigns[0].id,
          code: input.code,
        })
      )
    )
    emitEventStep({
      eventName: "buyer.promo_code_created",
      data: transform({ row }, ({ row }) => ({
        id: row.id,
        buyer_id: row.buyer_id,
        code: row.code,
      })),
    })
    return new WorkflowResponse(
      transform({ row }, ({ row }) => ({ id: row.id }))
    )
  }
)

export const setBuyerPromoCodeStatusWorkflowId = "set-buyer-promo-code-status"

/**
 * Disables a buyer's code (its Medusa promotion becomes inactive, so carts
 * refuse it and it discounts nothing more) or enables it again. Both steps
 * restore the previous state when a later one fails. Idempotent: setting
 * the current status changes nothing.
 *
 * @example
 * await setBuyerPromoCodeStatusWorkflow(container).run({
 *   input: { buyer_id: "buyer_1", id: "bpcode_1", status: "disabled" },
 * })
 */
export const setBuyerPromoCodeStatusWorkflow = createWorkflow(
  setBuyerPromoCodeStatusWorkflowId,
  (input: { buyer_id: string; id: string; status: "active" | "disabled" }) => {
    const row = setBuyerPromoCodeStatusStep(input)
    updatePromotionsStep(
      transform({ row, input }, ({ row, input }) => [
        {
          id: row.promotion_id,
          status: input.status === "active" ? "active" : "inactive",
        },
      ]) as never
    )
    return new WorkflowResponse(
      transform({ row }, ({ row }) => ({ id: row.id }))
    )
  }
)
