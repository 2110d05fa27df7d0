import {
  MiddlewareRoute,
  validateAndTransformQuery,
} from "@medusajs/framework/http"
import { Empty } from "../../utils/empty"

export const adminOrdersMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/orders/:id/attribution",
    method: ["GET"],
    middlewares: [validateAndTransformQuery(Empty, { defaults: ["id"] })],
  },
]
