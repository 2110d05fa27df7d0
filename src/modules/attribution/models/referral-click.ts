import { model } from "@medusajs/framework/utils"

/**
 * One visit through a buy link (`/r/{code}`). The id is minted by the
 * redirect before the row exists, so the redirect never waits for the
 * database. Clicks that must not count (HEAD requests, bots and link
 * previews, duplicates, bursts, links of buyers who may not earn) are stored
 * too, with `dropped_reason`, so counts stay honest and auditable.
 */
const ReferralClick = model
  .define("referral_click", {
    id: model.id({ prefix: "click" }).primaryKey(),
    code: model.text(),
    note_id: model.text(),
    note_product_id: model.text(),
    buyer_id: model.text().nullable(),
    product_id: model.text(),
    variant_id: model.text().nullable(),
    visitor_id: model.text(),
    ip_hash: model.text(),
    user_agent: model.text().nullable(),
    referer: model.text().nullable(),
    utm_source: model.text().nullable(),
    utm_medium: model.text().nullable(),
    utm_campaign: model.text().nullable(),
    utm_term: model.text().nullable(),
    utm_content: model.text().nullable(),
    clicked_at: model.dateTime(),
    dropped_reason: model
      .enum(["head", "bot", "duplicate", "burst", "not_earning"])
      .nullable(),
  })
  .indexes([
    { on: ["buyer_id", "clicked_at"] },
    { on: ["note_id", "clicked_at"] },
    { on: ["visitor_id", "clicked_at"] },
  ])

export default ReferralClick
