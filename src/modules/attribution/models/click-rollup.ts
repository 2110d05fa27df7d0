import { model } from "@medusajs/framework/utils"

/**
 * Clicks per 15-minute UTC bucket and dimension (docs/reports.md): kept by a
 * statement-level trigger on `referral_click` in the same transaction as the
 * clicks, rebuilt by `rebuildClickRollups`. A dimension without a value is
 * `''` (not null) so the unique index can take `ON CONFLICT`.
 * `referer_host` is `notes_referer_host(referer)` (see the migration).
 */
const ClickRollup = model
  .define("click_rollup", {
    id: model.id({ prefix: "crl" }).primaryKey(),
    bucket: model.dateTime(),
    buyer_id: model.text(),
    note_id: model.text(),
    product_id: model.text(),
    utm_source: model.text(),
    utm_campaign: model.text(),
    referer_host: model.text(),
    counted: model.number().default(0),
    dropped_head: model.number().default(0),
    dropped_bot: model.number().default(0),
    dropped_duplicate: model.number().default(0),
    dropped_burst: model.number().default(0),
    dropped_not_earning: model.number().default(0),
  })
  .indexes([
    {
      name: "IDX_click_rollup_dims_unique",
      on: [
        "bucket",
        "buyer_id",
        "note_id",
        "product_id",
        "utm_source",
        "utm_campaign",
        "referer_host",
      ],
      unique: true,
      where: null,
    },
    {
      name: "IDX_click_rollup_buyer_bucket",
      on: ["buyer_id", "bucket"],
      where: null,
    },
    {
      name: "IDX_click_rollup_note_bucket",
      on: ["note_id", "bucket"],
      where: null,
    },
  ])

export default ClickRollup
