import {
  RuleCandidate,
  RuleContext,
  SCOPE_PRECEDENCE,
  resolveCommissionRule,
} from "../utils/resolve-rule"

const at = new Date("2026-11-29T12:00:00Z")
let seq = 0
const rule = (over: Partial<RuleCandidate>): RuleCandidate => ({
  id: `crule_${String(++seq).padStart(3, "0")}`,
  scope: "default",
  type: "percentage",
  currency_code: null,
  product_id: null,
  variant_id: null,
  collection_id: null,
  category_id: null,
  tier: null,
  buyer_id: null,
  starts_at: null,
  ends_at: null,
  is_active: true,
  created_at: new Date("2026-01-01T00:00:00Z"),
  ...over,
})
const ctx: RuleContext = {
  buyer_id: "buyer_1",
  tier: "gold",
  product_id: "prod_1",
  variant_id: "var_1",
  collection_id: "col_1",
  category_ids: ["cat_1", "cat_2"],
  currency_code: "eur",
  at,
}

const everyScope = () => [
  rule({ scope: "default" }),
  rule({ scope: "tier", tier: "gold" }),
  rule({ scope: "category", category_id: "cat_2" }),
  rule({ scope: "collection", collection_id: "col_1" }),
  rule({ scope: "product", product_id: "prod_1" }),
  rule({ scope: "variant", variant_id: "var_1" }),
  rule({ scope: "buyer", buyer_id: "buyer_1" }),
  rule({ scope: "buyer_product", buyer_id: "buyer_1", product_id: "prod_1" }),
]

describe("resolveCommissionRule", () => {
  it("follows the precedence: the most specific matching scope wins", () => {
    const rules = everyScope()
    for (const scope of SCOPE_PRECEDENCE) {
      const { rule: r } = resolveCommissionRule(rules, ctx)
      expect(r?.scope).toBe(scope)
      // Remove the winner's scope: the next one must win.
      rules.splice(
        rules.findIndex((x) => x.scope === scope),
        1
      )
    }
    expect(resolveCommissionRule(rules, ctx).rule).toBeNull()
  })

  it("ignores rules for other buyers, products, variants, tiers and categories", () => {
    const rules = [
      rule({
        scope: "buyer_product",
        buyer_id: "buyer_2",
        product_id: "prod_1",
      }),
      rule({
        scope: "buyer_product",
        buyer_id: "buyer_1",
        product_id: "prod_2",
      }),
      rule({ scope: "buyer", buyer_id: "buyer_2" }),
      rule({ scope: "variant", variant_id: "var_9" }),
      rule({ scope: "category", category_id: "cat_9" }),
      rule({ scope: "tier", tier: "silver" }),
      rule({ scope: "default" }),
    ]
    expect(resolveCommissionRule(rules, ctx).rule?.scope).toBe("default")
  })

  it("takes the newest valid rule within a scope and says why it passed over others", () => {
    const old = rule({
      scope: "product",
      product_id: "prod_1",
      created_at: new Date("2026-01-01"),
    })
    const inactive = rule({
      scope: "product",
      product_id: "prod_1",
      is_active: false,
      created_at: new Date("2026-06-01"),
    })
    const future = rule({
      scope: "product",
      product_id: "prod_1",
      starts_at: new Date("2026-12-01"),
      created_at: new Date("2026-07-01"),
    })
    const ended = rule({
      scope: "product",
      product_id: "prod_1",
      ends_at: at,
      created_at: new Date("2026-08-01"),
    })
    const result = resolveCommissionRule([old, inactive, future, ended], ctx)
    expect(result.rule?.id).toBe(old.id)
    expect(result.passed_over).toEqual([
      { rule_id: ended.id, scope: "product", reason: "ended" },
      { rule_id: future.id, scope: "product", reason: "not started" },
      { rule_id: inactive.id, scope: "product", reason: "inactive" },
    ])
  })

  it("skips a flat rule in another currency: the next rule applies", () => {
    const usd = rule({
      scope: "buyer",
      buyer_id: "buyer_1",
      type: "flat",
      currency_code: "usd",
    })
    const eur = rule({
      scope: "product",
      product_id: "prod_1",
      type: "flat",
      currency_code: "EUR",
    })
    const result = resolveCommissionRule([usd, eur], ctx)
    expect(result.rule?.id).toBe(eur.id)
    expect(result.passed_over[0]).toMatchObject({
      rule_id: usd.id,
      reason: "flat amount in usd, order in eur",
    })
  })

  it("a percentage rule applies whatever the currency; no product means no product scopes", () => {
    const pct = rule({ scope: "product", product_id: "prod_1" })
    expect(
      resolveCommissionRule([pct], { ...ctx, currency_code: "jpy" }).rule?.id
    ).toBe(pct.id)
    expect(
      resolveCommissionRule([pct], { ...ctx, product_id: null }).rule
    ).toBeNull()
  })
})
