import { parseDecimal, toDecimal } from "../../../lib/money"
import {
  SCOPE_PRECEDENCE,
  SCOPE_TARGETS,
  type RuleScope,
  type RuleTargetKey,
} from "../../../../modules/commission/utils/rule-scopes"

/** The engine's order: the first scope with a valid matching rule wins. */
export const SCOPES = SCOPE_PRECEDENCE
export type Scope = RuleScope
export type TargetKey = RuleTargetKey
/** The fields a rule of each scope must set. */
export const TARGETS = SCOPE_TARGETS

export type Rule = {
  id: string
  scope: Scope
  type: "percentage" | "flat"
  rate: string | null
  amount: string | null
  currency_code: string | null
  cap_amount: string | null
  cap_currency_code: string | null
  starts_at: string | null
  ends_at: string | null
  is_active: boolean
  created_at: string
} & Partial<Record<TargetKey, string | null>>

export type RulesList = {
  commission_rules: Rule[]
  count: number
  limit: number
  offset: number
}

export type Preview = {
  commission_rule: Rule | null
  passed_over: { rule_id: string; scope: Scope; reason: string }[]
  context: { tier: string | null; currency_code: string }
}

/** Minor-unit digits of a currency (2 for EUR, 0 for JPY), from Intl. */
export function currencyDigits(code: string): number {
  try {
    return (
      new Intl.NumberFormat("en", {
        style: "currency",
        currency: code.toUpperCase(),
      }).resolvedOptions().maximumFractionDigits ?? 2
    )
  } catch {
    return 2
  }
}

/**
 * What one unit at `price` earns under `rule`, exactly as the ledger
 * computes it: `price × rate / 100` (or the flat amount), then the cap
 * when it is in the same currency, rounded once half-up to the currency's
 * minor unit. Decimal strings in and out; null when the rule cannot apply
 * (a flat amount in another currency).
 */
export function commissionOn(
  rule: Rule,
  price: string,
  currency: string
): { amount: string; capped: boolean } | null {
  const digits = currencyDigits(currency)
  const p = parseDecimal(price)
  if (!p) {
    return null
  }
  // Work at a scale wide enough for price × rate / 100.
  let raw: { int: bigint; scale: number }
  if (rule.type === "percentage") {
    const r = parseDecimal(rule.rate)
    if (!r) {
      return null
    }
    raw = {
      int: (p.int < 0n ? 0n : p.int) * r.int,
      scale: p.scale + r.scale + 2,
    }
  } else {
    if ((rule.currency_code ?? "").toLowerCase() !== currency.toLowerCase()) {
      return null
    }
    const a = parseDecimal(rule.amount)
    if (!a) {
      return null
    }
    raw = a
  }
  let capped = false
  const cap = parseDecimal(rule.cap_amount)
  const capCurrency = (rule.cap_currency_code ?? currency).toLowerCase()
  if (cap && capCurrency === currency.toLowerCase()) {
    const scale = Math.max(cap.scale, raw.scale)
    const a = raw.int * 10n ** BigInt(scale - raw.scale)
    const c = cap.int * 10n ** BigInt(scale - cap.scale)
    if (a > c) {
      raw = cap
      capped = true
    }
  }
  // Round half-up (away from zero) to the currency's digits.
  if (raw.scale > digits) {
    const f = 10n ** BigInt(raw.scale - digits)
    const q = raw.int / f
    const rem = raw.int % f
    const up = 2n * (rem < 0n ? -rem : rem) >= f
    raw = {
      int: up ? q + (raw.int < 0n ? -1n : 1n) : q,
      scale: digits,
    }
  }
  return { amount: toDecimal(raw.int, raw.scale), capped }
}
