import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { COMMISSION_MODULE } from "../../../modules/commission"
import type CommissionModuleService from "../../../modules/commission/service"
import { WebhookSignatureError } from "../../../modules/commission/providers"
import { processPayoutEventWorkflow } from "../../../workflows"

/**
 * `POST /webhooks/stripe`: Stripe's events for the plugin's Connect
 * payouts. The raw body's signature is checked with the webhook secret: a
 * missing or bad one is a 400 and changes nothing. Each event id is applied
 * once (a re-delivery answers 200 `{ duplicate: true }`). 404 when the
 * store does not pay through Stripe.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const provider = req.scope
    .resolve<CommissionModuleService>(COMMISSION_MODULE)
    .getPayoutProvider()
  if (provider.id !== "stripe") {
    return res.status(404).json({
      type: "not_found",
      message: "This store does not pay buyers through Stripe",
    })
  }
  const raw = (req as MedusaRequest & { rawBody?: Buffer }).rawBody
  const signature = req.headers["stripe-signature"]
  let event
  try {
    if (!raw?.length) {
      throw new WebhookSignatureError("The request has no body")
    }
    event = provider.parseWebhook(
      raw,
      Array.isArray(signature) ? signature[0] : signature
    )
  } catch (error) {
    if (error instanceof WebhookSignatureError) {
      return res
        .status(400)
        .json({ type: "invalid_data", message: error.message })
    }
    throw error
  }
  const { result } = await processPayoutEventWorkflow(req.scope).run({
    input: { event },
  })
  res.json({ received: true, ...result })
}
