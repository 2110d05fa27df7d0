import type { MiddlewareRoute } from "@medusajs/framework/http"

export const webhooksMiddlewares: MiddlewareRoute[] = [
  {
    // The signature is over the exact bytes Stripe sent: the plugin's
    // request guard reads the body and keeps them on `req.rawBody`.
    matcher: "/webhooks/stripe",
    method: ["POST"],
    bodyParser: false,
  },
]
