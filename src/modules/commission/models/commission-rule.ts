import { model } from "@medusajs/framework/utils"

/**
 * What a buyer earns on an attributed line: a percentage of the line's base
 * (a decimal such as 12.5) or a flat amount per unit in one currency, for a
 * scope (default, product, variant, collection, category, buyer tier, buyer,
 * buyer + product), optionally limited in time and capped per line. Money and
 * rates are bigNumber, never floats. Entries snapshot the rule they used, so
 * editing a rule never changes what was accrued.
 */
const CommissionRule = model
  .define("commission_rule", {
    id: model.id({ prefix: "crule" }).primaryKey(),
    scope: model.enum([
      "default",
      "product",
      "variant",
      "collection",
      "category",
      "tier",
      "buyer",
      "buyer_product",
    ]),
    type: model.enum(["percentage", "flat"]),
    rate: model.bigNumber().nullable(),
    amount: model.bigNumber().nullable(),
    currency_code: model.text().nullable(),
    product_id: model.text().nullable(),
    variant_id: model.text().nullable(),
    collection_id: model.text().nullable(),
    category_id: model.text().nullable(),
    tier: model.text().nullable(),
    buyer_id: model.text().nullable(),
    starts_at: model.dateTime().nullable(),
    ends_at: model.dateTime().nullable(),
    cap_amount: model.bigNumber().nullable(),
    cap_currency_code: model.text().nullable(),
    is_active: model.boolean().default(true),
    created_by: model.text().nullable(),
    updated_by: model.text().nullable(),
  })
  .indexes([
    { on: ["scope", "is_active"] },
    { on: ["buyer_id"] },
    { on: ["product_id"] },
  ])

export default CommissionRule
