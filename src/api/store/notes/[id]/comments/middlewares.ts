import { type MiddlewareRoute, authenticate } from "@medusajs/framework/http"
import { Empty } from "../../../../utils/empty"
import { validateBody, validateQuery } from "../../../../utils/validate"
import {
  StoreCreateNoteComment,
  StoreGetNoteCommentsParams,
} from "./validators"

/** Reading is public (a logged-in reader also learns what they may delete). */
const reader = authenticate("customer", ["session", "bearer"], {
  allowUnauthenticated: true,
})
const customer = authenticate("customer", ["session", "bearer"])

export const storeNoteCommentsMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/store/notes/:id/comments",
    method: ["GET"],
    middlewares: [
      reader,
      validateQuery(StoreGetNoteCommentsParams, {
        defaults: ["id"],
        isList: true,
      }),
    ],
  },
  {
    matcher: "/store/notes/:id/comments",
    method: ["POST"],
    middlewares: [customer, validateBody(StoreCreateNoteComment)],
  },
  {
    matcher: "/store/notes/:id/comments/:comment_id",
    method: ["DELETE"],
    middlewares: [customer, validateBody(Empty)],
  },
]
