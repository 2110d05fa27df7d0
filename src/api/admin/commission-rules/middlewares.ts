import {
  MiddlewareRoute,
  validateAndTransformBody,
  validateAndTransformQuery,
} from "@medusajs/framework/http"
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
      validateAndTransformQuery(AdminGetCommissionRulesParams, {
        defaults: ["id"],
        isList: true,
      }),
    ],
  },
  {
    matcher: "/admin/commission-rules",
    method: ["POST"],
    middlewares: [validateAndTransformBody(AdminCreateCommissionRule)],
  },
  {
    matcher: "/admin/commission-rules/preview",
    method: ["GET"],
    middlewares: [
      validateAndTransformQuery(AdminPreviewCommissionRuleParams, {
        defaults: ["id"],
      }),
    ],
  },
  {
    matcher: "/admin/commission-rules/:id",
    method: ["POST"],
    middlewares: [validateAndTransformBody(AdminUpdateCommissionRule)],
  },
  {
    matcher: "/admin/commission-rules/:id",
    method: ["GET"],
    middlewares: [validateAndTransformQuery(Empty, { defaults: ["id"] })],
  },
]
