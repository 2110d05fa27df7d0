import type { MiddlewareRoute } from "@medusajs/framework/http"
import { validateQuery } from "../../utils/validate"
import { Empty } from "../../utils/empty"

export const adminOrdersMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/orders/:id/attribution",
    method: ["GET"],
    middlewares: [validateQuery(Empty, { defaults: ["id"] })],
  },
]
