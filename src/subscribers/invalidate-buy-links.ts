import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ATTRIBUTION_MODULE } from "../modules/attribution"
import type AttributionModuleService from "../modules/attribution/service"

/**
 * Any change to a note, a buyer or a product can change where a buy link
 * leads or whether it earns: every process drops its resolved codes (this
 * one at once; the others, Medusa's and the edges, through the click
 * queue's Redis channel, within milliseconds). Idempotent.
 */
export default async function invalidateBuyLinks({
  container,
}: SubscriberArgs<unknown>) {
  const attribution =
    container.resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
  try {
    await attribution.invalidateBuyLinks()
  } catch (e) {
    // Redis refused the announcement: the other processes' caches expire
    // with their TTL (code_cache_ttl_seconds).
    container
      .resolve("logger")
      .warn(
        `notes: buy-link change not announced on Redis: ${(e as Error).message}`
      )
  }
}

export const config: SubscriberConfig = {
  event: [
    "note.created",
    "note.updated",
    "note.published",
    "note.hidden",
    "note.restored",
    "note.deleted",
    "buyer.approved",
    "buyer.suspended",
    "product.updated",
    "product.deleted",
  ],
  context: { subscriberId: "notes-invalidate-buy-links" },
}
