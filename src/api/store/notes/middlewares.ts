import type { MiddlewareRoute } from "@medusajs/framework/http"
import { validateQuery } from "../../utils/validate"
import { StoreGetNoteParams, StoreGetNotesParams } from "./validators"

export const storeNotesMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/store/notes",
    method: ["GET"],
    middlewares: [
      validateQuery(StoreGetNotesParams, {
        defaults: ["id"],
        isList: true,
      }),
    ],
  },
  {
    matcher: "/store/notes/:id",
    method: ["GET"],
    middlewares: [validateQuery(StoreGetNoteParams, { defaults: ["id"] })],
  },
]
