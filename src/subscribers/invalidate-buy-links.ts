import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { buyLinkResolver } from "../utils/buy-link-resolver"

/**
 * Any change to a note or a buyer can change where a buy link leads or
 * whether it earns: drop this process's resolved codes. Idempotent.
 */
export default async function invalidateBuyLinks(_: SubscriberArgs<unknown>) {
  buyLinkResolver.clear()
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
