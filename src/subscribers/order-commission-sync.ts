import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { syncOrderCommissionsWorkflow } from "../workflows"

/**
 * Keeps commission in step with the order: cancel, fulfillment, received
 * returns and refunds. Idempotent: the workflow reads the order's state.
 */
export default async function syncOrderCommissions({
  event: { name, data },
  container,
}: SubscriberArgs<{ id?: string; order_id?: string }>) {
  const input =
    name === "payment.refunded"
      ? { payment_id: data.id }
      : { order_id: data.order_id ?? data.id }
  await syncOrderCommissionsWorkflow(container).run({ input })
}

export const config: SubscriberConfig = {
  event: [
    "order.canceled",
    "order.fulfillment_created",
    "order.return_received",
    "payment.refunded",
  ],
  context: { subscriberId: "notes-sync-order-commission" },
}
