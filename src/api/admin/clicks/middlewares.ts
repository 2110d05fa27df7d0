import type { MiddlewareRoute } from "@medusajs/framework/http"
import { Empty } from "../../utils/empty"
import { validateQuery } from "../../utils/validate"

export const adminClicksMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/clicks/health",
    method: ["GET"],
    middlewares: [validateQuery(Empty, { defaults: ["id"] })],
  },
]
