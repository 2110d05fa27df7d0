import { model } from "@medusajs/framework/utils"

/**
 * Clicks per buyer and UTC day (`day`: the day's UTC midnight), for the
 * leaderboard's whole days. Kept by the click trigger.
 */
const ClickBuyerDay = model
  .define("click_buyer_day", {
    id: model.id({ prefix: "cbd" }).primaryKey(),
    day: model.dateTime(),
    buyer_id: model.text(),
    counted: model.number().default(0),
    dropped_head: model.number().default(0),
    dropped_bot: model.number().default(0),
    dropped_duplicate: model.number().default(0),
    dropped_burst: model.number().default(0),
    dropped_not_earning: model.number().default(0),
  })
  .indexes([
    {
      name: "IDX_click_buyer_day_unique",
      on: ["day", "buyer_id"],
      unique: true,
      where: null,
    },
    {
      name: "IDX_click_buyer_day_buyer_day",
      on: ["buyer_id", "day"],
      where: null,
    },
  ])

export default ClickBuyerDay
