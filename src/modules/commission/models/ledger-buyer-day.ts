import { model } from "@medusajs/framework/utils"

/**
 * The ledger's money per buyer, UTC day and currency: the whole days of a
 * long range when reports need no note or product (the program's buyer
 * leaderboard), so they read one row per buyer and day, not 96.
 *
 * The same sums as `ledger_rollup` (plain numeric columns added by the
 * migration, written only by SQL: see that model), kept by the same
 * triggers.
 */
const LedgerBuyerDay = model
  .define("ledger_buyer_day", {
    id: model.id({ prefix: "lgbd" }).primaryKey(),
    day: model.dateTime(),
    buyer_id: model.text(),
    currency_code: model.text(),
  })
  .indexes([
    { on: ["day", "buyer_id", "currency_code"], unique: true, where: null },
    { on: ["buyer_id", "day"], where: null },
  ])

export default LedgerBuyerDay
