import type { MiddlewareRoute } from "@medusajs/framework/http"
import { validateBody, validateQuery } from "../../utils/validate"
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
      validateQuery(AdminGetSettlementsParams, {
        defaults: ["id"],
        isList: true,
      }),
    ],
  },
  {
    matcher: "/admin/settlements",
    method: ["POST"],
    middlewares: [validateBody(AdminRunSettlements)],
  },
  {
    matcher: "/admin/settlements/:id",
    method: ["GET"],
    middlewares: [
      validateQuery(AdminGetSettlementParams, { defaults: ["id"] }),
    ],
  },
  {
    matcher: "/admin/settlements/:id/retry",
    method: ["POST"],
    middlewares: [validateBody(Empty)],
  },
  {
    matcher: "/admin/settlements/:id/mark-failed",
    method: ["POST"],
    middlewares: [validateBody(AdminMarkSettlementFailed)],
  },
  {
    matcher: "/admin/settlements/:id/mark-paid",
    method: ["POST"],
    middlewares: [validateBody(AdminMarkSettlementPaid)],
  },
]
