import {
  MiddlewareRoute,
  validateAndTransformBody,
  validateAndTransformQuery,
} from "@medusajs/framework/http"
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
      validateAndTransformQuery(AdminGetBuyersParams, {
        defaults: ["id"],
        isList: true,
      }),
    ],
  },
  {
    matcher: "/admin/buyers/:id",
    method: ["GET"],
    middlewares: [validateAndTransformQuery(Empty, { defaults: ["id"] })],
  },
  {
    matcher: "/admin/buyers/:id",
    method: ["POST"],
    middlewares: [validateAndTransformBody(AdminUpdateBuyer)],
  },
  {
    matcher: "/admin/buyers/:id/approve",
    method: ["POST"],
    middlewares: [validateAndTransformBody(Empty)],
  },
  {
    matcher: "/admin/buyers/:id/suspend",
    method: ["POST"],
    middlewares: [validateAndTransformBody(AdminSuspendBuyer)],
  },
]
