import { model } from "@medusajs/framework/utils"

/**
 * Attributed orders and units per buyer and UTC day (`day`: the day's UTC
 * midnight), for the leaderboard's whole days. Kept by the triggers on
 * `attribution_line`.
 */
const OrderBuyerDay = model
  .define("order_buyer_day", {
    id: model.id({ prefix: "obd" }).primaryKey(),
    day: model.dateTime(),
    buyer_id: model.text(),
    orders: model.number().default(0),
    units: model.number().default(0),
  })
  .indexes([
    {
      name: "IDX_order_buyer_day_unique",
      on: ["day", "buyer_id"],
      unique: true,
      where: null,
    },
    {
      name: "IDX_order_buyer_day_buyer_day",
      on: ["buyer_id", "day"],
      where: null,
    },
  ])

export default OrderBuyerDay
