import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BUYERS_MODULE } from "../../../modules/buyers"
import type BuyersModuleService from "../../../modules/buyers/service"
import type { BuyerStatus } from "../../../types"

export const validateBuyerPromoCodeStepId = "validate-buyer-promo-code"

/** `code` as a LIKE pattern matching only itself, in any case. */
const likeExactly = (code: string) => code.replace(/[\\%_]/g, (c) => `\\${c}`)

/**
 * A new code goes to an approved buyer only (a pending buyer cannot earn
 * yet, a suspended one no longer does), and must differ from every Medusa
 * promotion code and every buyer code by more than case: a CONFLICT naming
 * `code` otherwise. Read-only.
 *
 * @example
 * validateBuyerPromoCodeStep({ buyer, code: "LIN10" })
 */
export const validateBuyerPromoCodeStep = createStep(
  validateBuyerPromoCodeStepId,
  async (
    input: { buyer: { id: string; status: BuyerStatus }; code: string },
    { container }
  ) => {
    if (input.buyer.status !== "approved") {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `id: buyer ${input.buyer.id} is ${input.buyer.status}; only approved buyers get promo codes`
      )
    }
    const taken = await container
      .resolve(Modules.PROMOTION)
      .listPromotions({ code: { $ilike: likeExactly(input.code) } } as never, {
        select: ["id", "code"],
        take: 1,
      })
    const [ours] = await container
      .resolve<BuyersModuleService>(BUYERS_MODULE)
      .listBuyerPromoCodes({ code: input.code }, { take: 1 })
    if (taken.length || ours) {
      throw new MedusaError(
        MedusaError.Types.CONFLICT,
        `code: ${taken[0]?.code ?? input.code} is already a promotion code`
      )
    }
    return new StepResponse(void 0)
  }
)
