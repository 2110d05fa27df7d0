import { model } from "@medusajs/framework/utils"

/**
 * Attributed orders and units per 15-minute UTC bucket (of the line's
 * `created_at`), buyer, note and product: `orders` counts the distinct
 * orders with a line of the product, `units` sums their quantities. Kept by
 * the triggers on `attribution_line`.
 */
const OrderRollup = model
  .define("order_rollup", {
    id: model.id({ prefix: "orl" }).primaryKey(),
    bucket: model.dateTime(),
    buyer_id: model.text(),
    note_id: model.text(),
    product_id: model.text(),
    orders: model.number().default(0),
    units: model.number().default(0),
  })
  .indexes([
    {
      name: "IDX_order_rollup_dims_unique",
      on: ["bucket", "buyer_id", "note_id", "product_id"],
      unique: true,
      where: null,
    },
    {
      name: "IDX_order_rollup_buyer_bucket",
      on: ["buyer_id", "bucket"],
      where: null,
    },
    {
      name: "IDX_order_rollup_note_bucket",
      on: ["note_id", "bucket"],
      where: null,
    },
  ])

export default OrderRollup
