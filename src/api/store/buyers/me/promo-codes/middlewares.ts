import type { MiddlewareRoute } from "@medusajs/framework/http"
import { validateQuery } from "../../../../utils/validate"
import { Empty } from "../../../../utils/empty"

// The customer's authentication comes from `/store/buyers/me` (a prefix).
export const storeMyPromoCodesMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/store/buyers/me/promo-codes",
    method: ["GET"],
    middlewares: [validateQuery(Empty, { defaults: ["id"] })],
  },
]
