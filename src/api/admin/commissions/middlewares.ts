import type { MiddlewareRoute } from "@medusajs/framework/http"
import { validateBody, validateQuery } from "../../utils/validate"
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
      validateQuery(AdminGetCommissionsParams, {
        defaults: ["id"],
        isList: true,
      }),
    ],
  },
  {
    matcher: "/admin/commissions/balances",
    method: ["GET"],
    middlewares: [
      validateQuery(AdminGetCommissionBalancesParams, {
        defaults: ["id"],
      }),
    ],
  },
  {
    matcher: "/admin/commissions/adjustments",
    method: ["POST"],
    middlewares: [validateBody(AdminCreateCommissionAdjustment)],
  },
  {
    matcher: "/admin/commissions/hold",
    method: ["POST"],
    middlewares: [validateBody(AdminCommissionHold)],
  },
  {
    matcher: "/admin/commissions/release",
    method: ["POST"],
    middlewares: [validateBody(AdminCommissionHold)],
  },
]
