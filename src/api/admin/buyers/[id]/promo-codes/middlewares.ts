import type { MiddlewareRoute } from "@medusajs/framework/http"
import { validateBody, validateQuery } from "../../../../utils/validate"
import { Empty } from "../../../../utils/empty"
import { AdminCreateBuyerPromoCode } from "./validators"

export const adminBuyerPromoCodesMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/buyers/:id/promo-codes",
    method: ["GET"],
    middlewares: [validateQuery(Empty, { defaults: ["id"] })],
  },
  {
    matcher: "/admin/buyers/:id/promo-codes",
    method: ["POST"],
    middlewares: [validateBody(AdminCreateBuyerPromoCode)],
  },
  {
    matcher: "/admin/buyers/:id/promo-codes/:code_id/disable",
    method: ["POST"],
    middlewares: [validateBody(Empty)],
  },
  {
    matcher: "/admin/buyers/:id/promo-codes/:code_id/enable",
    method: ["POST"],
    middlewares: [validateBody(Empty)],
  },
]
