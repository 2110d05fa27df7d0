import {
  MiddlewareRoute,
  validateAndTransformBody,
  validateAndTransformQuery,
} from "@medusajs/framework/http"
import {
  AdminCommissionHold,
  AdminCreateCommissionAdjustment,
  AdminGetCommissionBalancesParams,
  AdminGetCommissionsParams,
} from "./validators"

export const adminCommissionsMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/commissions",
    method: ["GET"],
    middlewares: [
      validateAndTransformQuery(AdminGetCommissionsParams, {
        defaults: ["id"],
        isList: true,
      }),
    ],
  },
  {
    matcher: "/admin/commissions/balances",
    method: ["GET"],
    middlewares: [
      validateAndTransformQuery(AdminGetCommissionBalancesParams, {
        defaults: ["id"],
      }),
    ],
  },
  {
    matcher: "/admin/commissions/adjustments",
    method: ["POST"],
    middlewares: [validateAndTransformBody(AdminCreateCommissionAdjustment)],
  },
  {
    matcher: "/admin/commissions/hold",
    method: ["POST"],
    middlewares: [validateAndTransformBody(AdminCommissionHold)],
  },
  {
    matcher: "/admin/commissions/release",
    method: ["POST"],
    middlewares: [validateAndTransformBody(AdminCommissionHold)],
  },
]
