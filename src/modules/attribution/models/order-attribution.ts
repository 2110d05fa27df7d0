import { model } from "@medusajs/framework/utils"
import AttributionLine from "./attribution-line"

/**
 * The attribution decision for one order, made once when the order is
 * placed: which click won (if any), its note and buyer, and why. Unique per
 * order, so a re-delivered `order.placed` decides nothing twice.
 *
 * `customer_id` and `shipping_address_hash` (an HMAC of the normalised
 * shipping address, never the address) feed the program report's review
 * signals; decisions made before they existed have nulls.
 */
const OrderAttribution = model
  .define("order_attribution", {
    id: model.id({ prefix: "oattr" }).primaryKey(),
    order_id: model.text(),
    outcome: model.enum(["attributed", "none"]),
    reason: model.text(),
    click_id: model.text().nullable(),
    buyer_id: model.text().nullable(),
    note_id: model.text().nullable(),
    basket: model.enum(["tagged", "order"]),
    window_days: model.number(),
    decided_at: model.dateTime(),
    customer_id: model.text().nullable(),
    shipping_address_hash: model.text().nullable(),
    lines: model.hasMany(() => AttributionLine, {
      mappedBy: "order_attribution",
    }),
  })
  .indexes([
    { on: ["order_id"], unique: true },
    { on: ["buyer_id", "decided_at"] },
    { on: ["decided_at"] },
  ])

export default OrderAttribution
