import type { AccrualLineInput } from "../types"
import { capApplies, computeAccrualAmount } from "../utils/compute-commission"
import { decimal } from "../utils/money"
import { RuleCandidate, resolveCommissionRule } from "../utils/resolve-rule"

/** The key that makes a line's accrual unique (re-delivered events write it once). */
export const accrualKey = (line: { order_line_id: string }) =>
  `accrual:${line.order_line_id}`

/**
 * The pending accrual of one attributed line: the rule valid when the order
 * was placed (resolved from `rules`), snapshotted on the entry, and the
 * amount rounded once. Null when no rule applies. Pure.
 */
export function accrualRow(
  line: AccrualLineInput,
  rules: RuleCandidate[]
): Record<string, unknown> | null {
  // Workflow step inputs arrive serialised: dates as strings.
  const { rule } = resolveCommissionRule(rules, {
    ...line,
    at: new Date(line.at),
  })
  if (!rule) {
    return null
  }
  const full = rule as RuleCandidate & {
    rate: string | null
    amount: string | null
    cap_amount: string | null
    cap_currency_code: string | null
  }
  const { amount } = computeAccrualAmount({
    rule: full,
    base_amount: line.base_amount,
    quantity: line.quantity,
    currency_code: line.currency_code,
  })
  return {
    source_key: accrualKey(line),
    type: "accrual",
    status: "pending",
    buyer_id: line.buyer_id,
    currency_code: line.currency_code.toLowerCase(),
    amount,
    base_amount: decimal(line.base_amount),
    quantity: line.quantity,
    order_id: line.order_id,
    order_line_id: line.order_line_id,
    attribution_line_id: line.attribution_line_id,
    note_id: line.note_id,
    product_id: line.product_id,
    variant_id: line.variant_id,
    rule_id: rule.id,
    rule_scope: rule.scope,
    rule_type: rule.type,
    rule_rate: full.rate,
    rule_amount: full.amount,
    rule_cap_amount: capApplies(full, line.currency_code)
      ? full.cap_amount
      : null,
  }
}
