import type { MiddlewareRoute } from "@medusajs/framework/http"
import { validateBody, validateQuery } from "../../utils/validate"
import {
  AdminCreateCommissionRule,
  AdminGetCommissionRulesParams,
  AdminPreviewCommissionRuleParams,
  AdminUpdateCommissionRule,
} from "./validators"
import { Empty } from "../../utils/empty"

export const adminCommissionRulesMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/commission-rules",
    method: ["GET"],
    middlewares: [
      validateQuery(AdminGetCommissionRulesParams, {
        defaults: ["id"],
        isList: true,
      }),
    ],
  },
  {
    matcher: "/admin/commission-rules",
    method: ["POST"],
    middlewares: [validateBody(AdminCreateCommissionRule)],
  },
  {
    matcher: "/admin/commission-rules/preview",
    method: ["GET"],
    middlewares: [
      validateQuery(AdminPreviewCommissionRuleParams, {
        defaults: ["id"],
      }),
    ],
  },
  {
    matcher: "/admin/commission-rules/:id",
    method: ["POST"],
    middlewares: [validateBody(AdminUpdateCommissionRule)],
  },
  {
    matcher: "/admin/commission-rules/:id",
    method: ["GET"],
    middlewares: [validateQuery(Empty, { defaults: ["id"] })],
  },
]
