import type { MiddlewareRoute } from "@medusajs/framework/http"

export const webhooksMiddlewares: MiddlewareRoute[] = [
  {
    // The signature is over the exact bytes Stripe sent.
    matcher: "/webhooks/stripe",
    method: ["POST"],
    bodyParser: { preserveRawBody: true },
  },
]
