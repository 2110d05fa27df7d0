import { MiddlewareRoute, authenticate } from "@medusajs/framework/http"
import { validateQuery } from "../../../../utils/validate"
import { StoreGetSavedNotesParams } from "./validators"

export const storeSavedNotesMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/store/customers/me/saved-notes",
    method: ["GET"],
    middlewares: [
      authenticate("customer", ["session", "bearer"]),
      validateQuery(StoreGetSavedNotesParams, {
        defaults: ["id"],
        isList: true,
      }),
    ],
  },
]
