import { model } from "@medusajs/framework/utils"

/**
 * A buyer's personal promo code: the Medusa promotion (and its campaign,
 * which holds the dates and the usage budget) a merchant gave the buyer.
 * The promotion discounts; this row says whose code it is, so an order
 * that used it is attributed to the buyer. `code` is kept in upper case
 * and is unique (a code differs from every other only by more than case).
 * `status` follows the promotion's: a disabled code's promotion is
 * inactive, so carts refuse it.
 */
const BuyerPromoCode = model
  .define("buyer_promo_code", {
    id: model.id({ prefix: "bpcode" }).primaryKey(),
    buyer_id: model.text(),
    promotion_id: model.text(),
    campaign_id: model.text().nullable(),
    code: model.text(),
    status: model.enum(["active", "disabled"]).default("active"),
  })
  .indexes([
    { on: ["code"], unique: true },
    { on: ["promotion_id"], unique: true },
    { on: ["buyer_id", "created_at"] },
  ])

export default BuyerPromoCode
