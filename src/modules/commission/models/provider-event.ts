import { model } from "@medusajs/framework/utils"

/**
 * A webhook event from the payout provider, recorded in the transaction
 * that applies it: an event id is processed once however often it comes.
 */
const ProviderEvent = model
  .define("payout_provider_event", {
    id: model.id({ prefix: "ppev" }).primaryKey(),
    provider: model.text(),
    event_id: model.text(),
    type: model.text(),
    outcome: model.text().nullable(),
  })
  .indexes([{ on: ["provider", "event_id"], unique: true }])

export default ProviderEvent
