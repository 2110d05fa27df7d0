import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { accrueOrderCommissionsWorkflow } from "../workflows"

/** Accrues commission on an order's attributed lines. Idempotent (see the workflow). */
export default async function accrueAttributedOrder({
  event: { data },
  container,
}: SubscriberArgs<{ order_id: string }>) {
  await accrueOrderCommissionsWorkflow(container).run({
    input: { order_id: data.order_id },
  })
}

export const config: SubscriberConfig = {
  event: "attribution.created",
  context: { subscriberId: "notes-accrue-commission" },
}
