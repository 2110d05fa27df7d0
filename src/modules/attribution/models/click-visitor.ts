import { model } from "@medusajs/framework/utils"

/**
 * The visitors of counted clicks per 15-minute UTC bucket and dimension: one
 * row per visitor, so unique visitors are `count(DISTINCT visitor_id)` over
 * any range, filter and grouping. Carries the utm and referer dimensions too
 * (the utm and referer groups report visitors). Kept by the click trigger.
 */
const ClickVisitor = model
  .define("click_visitor", {
    id: model.id({ prefix: "cvis" }).primaryKey(),
    bucket: model.dateTime(),
    buyer_id: model.text(),
    note_id: model.text(),
    product_id: model.text(),
    utm_source: model.text(),
    utm_campaign: model.text(),
    referer_host: model.text(),
    visitor_id: model.text(),
  })
  .indexes([
    {
      name: "IDX_click_visitor_dims_unique",
      on: [
        "bucket",
        "buyer_id",
        "note_id",
        "product_id",
        "utm_source",
        "utm_campaign",
        "referer_host",
        "visitor_id",
      ],
      unique: true,
      where: null,
    },
    {
      name: "IDX_click_visitor_buyer_bucket",
      on: ["buyer_id", "bucket"],
      where: null,
    },
    {
      name: "IDX_click_visitor_note_bucket",
      on: ["note_id", "bucket"],
      where: null,
    },
  ])

export default ClickVisitor
