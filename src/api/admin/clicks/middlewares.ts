import {
  MiddlewareRoute,
  validateAndTransformQuery,
} from "@medusajs/framework/http"
import { Empty } from "../../utils/empty"

export const adminClicksMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/clicks/health",
    method: ["GET"],
    middlewares: [validateAndTransformQuery(Empty, { defaults: ["id"] })],
  },
]
