import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { attributeOrderWorkflow } from "../workflows"

/** Attributes a placed order to a buyer's click. Idempotent (see the workflow). */
export default async function attributePlacedOrder({
  event: { data },
  container,
}: SubscriberArgs<{ id: string }>) {
  await attributeOrderWorkflow(container).run({ input: { order_id: data.id } })
}

export const config: SubscriberConfig = {
  event: "order.placed",
  context: { subscriberId: "notes-attribute-order" },
}
