import type { MiddlewareRoute } from "@medusajs/framework/http"
import { validateQuery } from "../../../../utils/validate"
import { AdminGetNoteReportParams } from "./validators"

export const adminNoteReportMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/notes/:id/report",
    method: ["GET"],
    middlewares: [
      validateQuery(AdminGetNoteReportParams, { defaults: ["id"] }),
    ],
  },
]
