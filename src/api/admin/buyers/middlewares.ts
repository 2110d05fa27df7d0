import type { MiddlewareRoute } from "@medusajs/framework/http"
import { validateBody, validateQuery } from "../../utils/validate"
import {
  AdminGetBuyersParams,
  AdminSuspendBuyer,
  AdminUpdateBuyer,
} from "./validators"
import { Empty } from "../../utils/empty"

export const adminBuyersMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/buyers",
    method: ["GET"],
    middlewares: [
      validateQuery(AdminGetBuyersParams, {
        defaults: ["id"],
        isList: true,
      }),
    ],
  },
  {
    matcher: "/admin/buyers/:id",
    method: ["GET"],
    middlewares: [validateQuery(Empty, { defaults: ["id"] })],
  },
  {
    matcher: "/admin/buyers/:id",
    method: ["POST"],
    middlewares: [validateBody(AdminUpdateBuyer)],
  },
  {
    matcher: "/admin/buyers/:id/payout-account",
    method: ["GET"],
    middlewares: [validateQuery(Empty, { defaults: ["id"] })],
  },
  {
    matcher: "/admin/buyers/:id/approve",
    method: ["POST"],
    middlewares: [validateBody(Empty)],
  },
  {
    matcher: "/admin/buyers/:id/suspend",
    method: ["POST"],
    middlewares: [validateBody(AdminSuspendBuyer)],
  },
]
