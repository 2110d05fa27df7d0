import { model } from "@medusajs/framework/utils"

/**
 * Attributed orders per 15-minute UTC bucket, buyer and note (an order has
 * one note, so these sum to distinct orders), and their units. Kept by the
 * triggers on `attribution_line`.
 */
const OrderNoteRollup = model
  .define("order_note_rollup", {
    id: model.id({ prefix: "onrl" }).primaryKey(),
    bucket: model.dateTime(),
    buyer_id: model.text(),
    note_id: model.text(),
    orders: model.number().default(0),
    units: model.number().default(0),
  })
  .indexes([
    {
      name: "IDX_order_note_rollup_dims_unique",
      on: ["bucket", "buyer_id", "note_id"],
      unique: true,
      where: null,
    },
    {
      name: "IDX_order_note_rollup_buyer_bucket",
      on: ["buyer_id", "bucket"],
      where: null,
    },
    {
      name: "IDX_order_note_rollup_note_bucket",
      on: ["note_id", "bucket"],
      where: null,
    },
  ])

export default OrderNoteRollup
