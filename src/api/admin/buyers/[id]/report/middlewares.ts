import type { MiddlewareRoute } from "@medusajs/framework/http"
import { validateQuery } from "../../../../utils/validate"
import { AdminGetBuyerReportParams } from "./validators"

export const adminBuyerReportMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/buyers/:id/report",
    method: ["GET"],
    middlewares: [
      validateQuery(AdminGetBuyerReportParams, { defaults: ["id"] }),
    ],
  },
]
