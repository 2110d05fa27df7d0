import { model } from "@medusajs/framework/utils"

/**
 * A customer following a buyer: at most one live row per (buyer, customer),
 * held by a unique index, so following twice is one follow whatever the
 * timing. Unfollowing deletes the row. The buyer's `followers_count` moves
 * in the same transaction as the row (`BuyersModuleService.setFollow`), so
 * it always equals the rows.
 */
const BuyerFollow = model
  .define("buyer_follow", {
    id: model.id({ prefix: "bfollow" }).primaryKey(),
    buyer_id: model.text(),
    customer_id: model.text(),
  })
  .indexes([
    { on: ["buyer_id", "customer_id"], unique: true },
    // The buyers a customer follows, newest follow first (and the feed).
    { on: ["customer_id", "created_at"] },
  ])

export default BuyerFollow
