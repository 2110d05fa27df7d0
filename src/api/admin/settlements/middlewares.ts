import {
  MiddlewareRoute,
  validateAndTransformBody,
  validateAndTransformQuery,
} from "@medusajs/framework/http"
import { Empty } from "../../utils/empty"
import {
  AdminGetSettlementParams,
  AdminGetSettlementsParams,
  AdminMarkSettlementFailed,
  AdminMarkSettlementPaid,
  AdminRunSettlements,
} from "./validators"

export const adminSettlementsMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/settlements",
    method: ["GET"],
    middlewares: [
      validateAndTransformQuery(AdminGetSettlementsParams, {
        defaults: ["id"],
        isList: true,
      }),
    ],
  },
  {
    matcher: "/admin/settlements",
    method: ["POST"],
    middlewares: [validateAndTransformBody(AdminRunSettlements)],
  },
  {
    matcher: "/admin/settlements/:id",
    method: ["GET"],
    middlewares: [
      validateAndTransformQuery(AdminGetSettlementParams, { defaults: ["id"] }),
    ],
  },
  {
    matcher: "/admin/settlements/:id/retry",
    method: ["POST"],
    middlewares: [validateAndTransformBody(Empty)],
  },
  {
    matcher: "/admin/settlements/:id/mark-failed",
    method: ["POST"],
    middlewares: [validateAndTransformBody(AdminMarkSettlementFailed)],
  },
  {
    matcher: "/admin/settlements/:id/mark-paid",
    method: ["POST"],
    middlewares: [validateAndTransformBody(AdminMarkSettlementPaid)],
  },
]
