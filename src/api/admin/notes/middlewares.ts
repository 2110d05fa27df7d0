import type { MiddlewareRoute } from "@medusajs/framework/http"
import { validateBody, validateQuery } from "../../utils/validate"
import {
  AdminCreateNote,
  AdminGetNotesParams,
  AdminHideNote,
  AdminNoteProductsChange,
  AdminUpdateNote,
} from "./validators"
import { Empty } from "../../utils/empty"

export const adminNotesMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/notes",
    method: ["GET"],
    middlewares: [
      validateQuery(AdminGetNotesParams, {
        defaults: ["id"],
        isList: true,
      }),
    ],
  },
  {
    matcher: "/admin/notes",
    method: ["POST"],
    middlewares: [validateBody(AdminCreateNote)],
  },
  {
    matcher: "/admin/notes/:id",
    method: ["GET", "DELETE"],
    middlewares: [validateQuery(Empty, { defaults: ["id"] })],
  },
  {
    matcher: "/admin/notes/:id",
    method: ["POST"],
    middlewares: [validateBody(AdminUpdateNote)],
  },
  {
    matcher: "/admin/notes/:id/products",
    method: ["POST"],
    middlewares: [validateBody(AdminNoteProductsChange)],
  },
  {
    matcher: "/admin/notes/:id/hide",
    method: ["POST"],
    middlewares: [validateBody(AdminHideNote)],
  },
  {
    matcher: "/admin/notes/:id/restore",
    method: ["POST"],
    middlewares: [validateBody(Empty)],
  },
]
