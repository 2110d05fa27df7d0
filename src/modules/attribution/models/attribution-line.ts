import { model } from "@medusajs/framework/utils"
import OrderAttribution from "./order-attribution"

/** One order line credited to a click (and so to its buyer). Unique per line. */
const AttributionLine = model
  .define("attribution_line", {
    id: model.id({ prefix: "attr" }).primaryKey(),
    order_id: model.text(),
    order_line_id: model.text(),
    click_id: model.text(),
    buyer_id: model.text(),
    note_id: model.text(),
    product_id: model.text().nullable(),
    variant_id: model.text().nullable(),
    quantity: model.number(),
    order_attribution: model.belongsTo(() => OrderAttribution, {
      mappedBy: "lines",
    }),
  })
  .indexes([
    { on: ["order_line_id"], unique: true },
    { on: ["order_id"] },
    { on: ["buyer_id"] },
  ])

export default AttributionLine
