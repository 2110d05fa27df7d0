import {
  MiddlewareRoute,
  validateAndTransformQuery,
} from "@medusajs/framework/http"
import { StoreGetNoteParams, StoreGetNotesParams } from "./validators"

export const storeNotesMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/store/notes",
    method: ["GET"],
    middlewares: [
      validateAndTransformQuery(StoreGetNotesParams, {
        defaults: ["id"],
        isList: true,
      }),
    ],
  },
  {
    matcher: "/store/notes/:id",
    method: ["GET"],
    middlewares: [
      validateAndTransformQuery(StoreGetNoteParams, { defaults: ["id"] }),
    ],
  },
]
