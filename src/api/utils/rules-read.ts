import type { BigNumberInput } from "@medusajs/framework/types"
import { decimal } from "../../modules/commission/utils/money"

type RuleRecord = Record<string, unknown> & {
  rate?: BigNumberInput | null
  amount?: BigNumberInput | null
  cap_amount?: BigNumberInput | null
}

const MONEY = ["rate", "amount", "cap_amount"] as const

/**
 * A commission rule as the API answers it: `rate`, `amount` and
 * `cap_amount` as decimal strings (never JSON numbers, which a client
 * would read as floats), without the `raw_*` columns behind them.
 */
export function toRuleResponse<T extends RuleRecord | null>(rule: T): T {
  if (!rule) {
    return rule
  }
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(rule)) {
    if (!key.startsWith("raw_")) {
      out[key] = value
    }
  }
  for (const key of MONEY) {
    const raw = (rule[`raw_${key}`] ?? rule[key]) as BigNumberInput | null
    out[key] = raw == null ? null : decimal(raw)
  }
  return out as T
}
