/**
 * The scopes a commission rule can have and the target fields each one
 * names: the one list the engine (resolve-rule), the routes' validators and
 * the admin share. No imports, so the admin's browser bundle can take it.
 */

/** Precedence, most specific first: the first scope with a valid matching rule wins. */
export const SCOPE_PRECEDENCE = [
  "buyer_product",
  "buyer",
  "variant",
  "product",
  "collection",
  "category",
  "tier",
  "default",
] as const

export type RuleScope = (typeof SCOPE_PRECEDENCE)[number]

/** Every field a rule can target, in the order the validators report them. */
export const RULE_TARGET_KEYS = [
  "product_id",
  "variant_id",
  "collection_id",
  "category_id",
  "tier",
  "buyer_id",
] as const

export type RuleTargetKey = (typeof RULE_TARGET_KEYS)[number]

/** The fields a rule of each scope must set (and no others). */
export const SCOPE_TARGETS: Record<RuleScope, readonly RuleTargetKey[]> = {
  buyer_product: ["buyer_id", "product_id"],
  buyer: ["buyer_id"],
  variant: ["variant_id"],
  product: ["product_id"],
  collection: ["collection_id"],
  category: ["category_id"],
  tier: ["tier"],
  default: [],
}
