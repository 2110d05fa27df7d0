import type { MiddlewareRoute } from "@medusajs/framework/http"
import { validateQuery } from "../../../../utils/validate"
import { StoreGetMyReportParams } from "./validators"

// The customer authentication of `/store/buyers*` covers this route.
export const storeMyReportMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/store/buyers/me/report",
    method: ["GET"],
    middlewares: [validateQuery(StoreGetMyReportParams, { defaults: ["id"] })],
  },
]
