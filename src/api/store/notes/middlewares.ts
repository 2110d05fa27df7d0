import { type MiddlewareRoute, authenticate } from "@medusajs/framework/http"
import { Empty } from "../../utils/empty"
import { validateBody, validateQuery } from "../../utils/validate"
import { StoreGetNoteParams, StoreGetNotesParams } from "./validators"

/** Reads are public; a logged-in customer also gets `liked` and `saved`. */
const reader = authenticate("customer", ["session", "bearer"], {
  allowUnauthenticated: true,
})
const customer = authenticate("customer", ["session", "bearer"])

export const storeNotesMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/store/notes",
    method: ["GET"],
    middlewares: [
      reader,
      validateQuery(StoreGetNotesParams, {
        defaults: ["id"],
        isList: true,
      }),
    ],
  },
  {
    matcher: "/store/notes/:id",
    method: ["GET"],
    middlewares: [
      reader,
      validateQuery(StoreGetNoteParams, { defaults: ["id"] }),
    ],
  },
  ...["like", "save"].map((action) => ({
    matcher: `/store/notes/:id/${action}`,
    method: ["POST" as const, "DELETE" as const],
    middlewares: [customer, validateBody(Empty)],
  })),
  {
    // The note page's view beacon: anonymous readers count too.
    matcher: "/store/notes/:id/views",
    method: ["POST"],
    middlewares: [validateBody(Empty)],
  },
]
