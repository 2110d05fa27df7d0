import { model } from "@medusajs/framework/utils"

/**
 * A buyer and currency a settlement run considered and did not pay, with
 * the reason, so merchants and buyers can see why.
 */
const SettlementSkip = model
  .define("settlement_skip", {
    id: model.id({ prefix: "stskip" }).primaryKey(),
    run_id: model.text(),
    buyer_id: model.text(),
    currency_code: model.text(),
    reason: model.enum([
      "buyer_not_approved",
      "payouts_not_enabled",
      "under_threshold",
      "negative_balance",
      "on_hold",
    ]),
    amount: model.bigNumber(),
  })
  .indexes([{ on: ["run_id"] }, { on: ["buyer_id", "created_at"] }])

export default SettlementSkip
