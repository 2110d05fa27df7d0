import type { MiddlewareRoute } from "@medusajs/framework/http"
import { Empty } from "../../utils/empty"
import { validateBody, validateQuery } from "../../utils/validate"
import { AdminGetNoteCommentsParams, AdminHideNoteComment } from "./validators"

export const adminNoteCommentsMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/note-comments",
    method: ["GET"],
    middlewares: [
      validateQuery(AdminGetNoteCommentsParams, {
        defaults: ["id"],
        isList: true,
      }),
    ],
  },
  {
    matcher: "/admin/note-comments/:id/hide",
    method: ["POST"],
    middlewares: [validateBody(AdminHideNoteComment)],
  },
  {
    matcher: "/admin/note-comments/:id/restore",
    method: ["POST"],
    middlewares: [validateBody(Empty)],
  },
]
