/**
 * Which commission rule applies to a line, and why the others did not: one
 * pure function, the single place where precedence lives.
 *
 * Precedence, most specific first: buyer + product > buyer > variant >
 * product > collection > category > buyer tier > default. Within a scope
 * the newest valid rule wins. A rule is valid when active and inside its
 * dates; a flat rule in another currency than the order's does not apply
 * (the next rule does).
 */

import { SCOPE_PRECEDENCE, type RuleScope } from "./rule-scopes"

export { SCOPE_PRECEDENCE }
export type { RuleScope }

export type RuleCandidate = {
  id: string
  scope: RuleScope
  type: "percentage" | "flat"
  currency_code: string | null
  product_id: string | null
  variant_id: string | null
  collection_id: string | null
  category_id: string | null
  tier: string | null
  buyer_id: string | null
  starts_at: Date | string | null
  ends_at: Date | string | null
  is_active: boolean
  created_at: Date | string
}

export type RuleContext = {
  /** Null: a buyer with no rules of their own (the admin's default preview). */
  buyer_id: string | null
  tier: string | null
  product_id: string | null
  variant_id: string | null
  collection_id: string | null
  category_ids: string[]
  currency_code: string
  at: Date
}

export type PassedOver = { rule_id: string; scope: RuleScope; reason: string }

function matchesScope(rule: RuleCandidate, ctx: RuleContext): boolean {
  switch (rule.scope) {
    case "buyer_product":
      return (
        !!ctx.buyer_id &&
        rule.buyer_id === ctx.buyer_id &&
        !!ctx.product_id &&
        rule.product_id === ctx.product_id
      )
    case "buyer":
      return !!ctx.buyer_id && rule.buyer_id === ctx.buyer_id
    case "variant":
      return !!ctx.variant_id && rule.variant_id === ctx.variant_id
    case "product":
      return !!ctx.product_id && rule.product_id === ctx.product_id
    case "collection":
      return !!ctx.collection_id && rule.collection_id === ctx.collection_id
    case "category":
      return !!rule.category_id && ctx.category_ids.includes(rule.category_id)
    case "tier":
      return !!ctx.tier && rule.tier === ctx.tier
    case "default":
      return true
  }
}

function invalidReason(rule: RuleCandidate, ctx: RuleContext): string | null {
  if (!rule.is_active) {
    return "inactive"
  }
  const at = ctx.at.getTime()
  if (rule.starts_at && new Date(rule.starts_at).getTime() > at) {
    return "not started"
  }
  if (rule.ends_at && new Date(rule.ends_at).getTime() <= at) {
    return "ended"
  }
  if (
    rule.type === "flat" &&
    rule.currency_code?.toLowerCase() !== ctx.currency_code.toLowerCase()
  ) {
    return `flat amount in ${rule.currency_code}, order in ${ctx.currency_code}`
  }
  return null
}

export function resolveCommissionRule(
  rules: RuleCandidate[],
  ctx: RuleContext
): { rule: RuleCandidate | null; passed_over: PassedOver[] } {
  const passed_over: PassedOver[] = []
  for (const scope of SCOPE_PRECEDENCE) {
    const inScope = rules
      .filter((r) => r.scope === scope && matchesScope(r, ctx))
      .sort(
        (a, b) =>
          new Date(b.created_at).getTime() - new Date(a.created_at).getTime() ||
          b.id.localeCompare(a.id)
      )
    for (const rule of inScope) {
      const reason = invalidReason(rule, ctx)
      if (!reason) {
        return { rule, passed_over }
      }
      passed_over.push({ rule_id: rule.id, scope, reason })
    }
  }
  return { rule: null, passed_over }
}
