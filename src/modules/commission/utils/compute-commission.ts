import { MathBN } from "@medusajs/framework/utils"
import type { BigNumberInput } from "@medusajs/framework/types"
import { decimal, roundMoney } from "./money"

export type RuleSnapshot = {
  id: string
  scope: string
  type: "percentage" | "flat"
  rate: BigNumberInput | null
  amount: BigNumberInput | null
  cap_amount: BigNumberInput | null
  cap_currency_code: string | null
}

/**
 * What one attributed line earns under a rule, rounded once (half-up at the
 * currency's minor unit): `base × rate / 100` for a percentage, `amount ×
 * quantity` for a flat rule; then the per-line cap when it is in the line's
 * currency. A negative base (a line discounted below zero) earns nothing.
 * Pure: no I/O.
 */
export function computeAccrualAmount(input: {
  rule: RuleSnapshot
  base_amount: BigNumberInput
  quantity: number
  currency_code: string
}): { amount: string; capped: boolean } {
  const { rule } = input
  const base = MathBN.max(input.base_amount, 0)
  let raw =
    rule.type === "percentage"
      ? MathBN.div(MathBN.mult(base, rule.rate ?? 0), 100)
      : MathBN.mult(rule.amount ?? 0, input.quantity)
  let capped = false
  const cap = capApplies(rule, input.currency_code) ? rule.cap_amount : null
  if (cap != null && MathBN.gt(raw, cap)) {
    raw = MathBN.convert(cap)
    capped = true
  }
  return { amount: decimal(roundMoney(raw, input.currency_code)), capped }
}

/** A rule's cap limits a line only in the cap's own currency. */
export function capApplies(
  rule: Pick<RuleSnapshot, "cap_amount" | "cap_currency_code">,
  currencyCode: string
): boolean {
  return (
    rule.cap_amount != null &&
    (rule.cap_currency_code ?? currencyCode).toLowerCase() ===
      currencyCode.toLowerCase()
  )
}
