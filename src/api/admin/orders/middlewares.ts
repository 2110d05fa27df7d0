import {
  MiddlewareRoute,
  validateAndTransformQuery,
} from "@medusajs/framework/http"
import { z } from "@medusajs/framework/zod"

export const AdminGetOrderAttributionParams = z.strictObject({})

export const adminOrdersMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/orders/:id/attribution",
    method: ["GET"],
    middlewares: [
      validateAndTransformQuery(AdminGetOrderAttributionParams, {
        defaults: ["id"],
      }),
    ],
  },
]
