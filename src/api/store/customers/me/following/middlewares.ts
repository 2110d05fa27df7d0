import { MiddlewareRoute, authenticate } from "@medusajs/framework/http"
import { validateQuery } from "../../../../utils/validate"
import { StoreGetFollowingParams } from "./validators"

export const storeFollowingMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/store/customers/me/following",
    method: ["GET"],
    middlewares: [
      authenticate("customer", ["session", "bearer"]),
      validateQuery(StoreGetFollowingParams, {
        defaults: ["id"],
        isList: true,
      }),
    ],
  },
]
