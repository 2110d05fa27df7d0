import type { MiddlewareRoute } from "@medusajs/framework/http"
import { validateQuery } from "../../utils/validate"
import { AdminGetProgramReportParams } from "./validators"

export const adminProgramReportMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/program-report",
    method: ["GET"],
    middlewares: [
      validateQuery(AdminGetProgramReportParams, { defaults: ["id"] }),
    ],
  },
]
