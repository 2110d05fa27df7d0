import { model } from "@medusajs/framework/utils"

/**
 * A buyer (买手): a customer who writes notes and earns commission on the
 * orders they bring. One profile per customer; the handle is the public,
 * URL-safe name. `tier` is a free key that commission rules can target.
 */
const Buyer = model
  .define("buyer", {
    id: model.id({ prefix: "buyer" }).primaryKey(),
    customer_id: model.text(),
    handle: model.text(),
    display_name: model.text(),
    bio: model.text().nullable(),
    avatar_url: model.text().nullable(),
    status: model.enum(["pending", "approved", "suspended"]).default("pending"),
    tier: model.text().default("default"),
    approved_at: model.dateTime().nullable(),
    suspended_at: model.dateTime().nullable(),
    suspended_reason: model.text().nullable(),
    metadata: model.json().nullable(),
    /**
     * How many customers follow the buyer: kept equal to its
     * `buyer_follow` rows, in the same transaction (`setFollow`).
     */
    followers_count: model.number().default(0),
  })
  .indexes([
    { on: ["customer_id"], unique: true },
    { on: ["handle"], unique: true },
    { on: ["status"] },
  ])

export default Buyer
