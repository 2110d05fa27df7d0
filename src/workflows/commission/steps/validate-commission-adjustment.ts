import {
  ContainerRegistrationKeys,
  MathBN,
  MedusaError,
} from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import {
  currencyPrecision,
  fitsCurrency,
} from "../../../modules/commission/utils/money"

export const validateCommissionAdjustmentStepId =
  "validate-commission-adjustment"

/**
 * Checks an adjustment before it is written: the buyer and the currency
 * exist, the amount is not zero and has no more decimals than the
 * currency's minor unit. Each failure is a 400 naming the field.
 *
 * @example
 * validateCommissionAdjustmentStep({ buyer_id, currency_code: "eur", amount: "5" })
 */
export const validateCommissionAdjustmentStep = createStep(
  validateCommissionAdjustmentStepId,
  async (
    input: { buyer_id: string; currency_code: string; amount: string },
    { container }
  ) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const code = input.currency_code.toLowerCase()
    const { data: buyers } = await query.graph({
      entity: "buyer",
      fields: ["id"],
      filters: { id: input.buyer_id },
    })
    if (!buyers.length) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `buyer_id: buyer '${input.buyer_id}' does not exist`
      )
    }
    const { data: currencies } = await query.graph({
      entity: "currency",
      fields: ["code"],
      filters: { code },
    })
    if (!currencies.length) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `currency_code: unknown currency '${input.currency_code}'`
      )
    }
    if (MathBN.eq(input.amount, 0)) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        "amount: an adjustment cannot be zero"
      )
    }
    if (!fitsCurrency(input.amount, code)) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `amount: ${code.toUpperCase()} has ${currencyPrecision(code)} decimal places`
      )
    }
    return new StepResponse(true)
  }
)
