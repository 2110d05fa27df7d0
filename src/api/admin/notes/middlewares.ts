import {
  MiddlewareRoute,
  validateAndTransformBody,
  validateAndTransformQuery,
} from "@medusajs/framework/http"
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
      validateAndTransformQuery(AdminGetNotesParams, {
        defaults: ["id"],
        isList: true,
      }),
    ],
  },
  {
    matcher: "/admin/notes",
    method: ["POST"],
    middlewares: [validateAndTransformBody(AdminCreateNote)],
  },
  {
    matcher: "/admin/notes/:id",
    method: ["GET", "DELETE"],
    middlewares: [validateAndTransformQuery(Empty, { defaults: ["id"] })],
  },
  {
    matcher: "/admin/notes/:id",
    method: ["POST"],
    middlewares: [validateAndTransformBody(AdminUpdateNote)],
  },
  {
    matcher: "/admin/notes/:id/products",
    method: ["POST"],
    middlewares: [validateAndTransformBody(AdminNoteProductsChange)],
  },
  {
    matcher: "/admin/notes/:id/hide",
    method: ["POST"],
    middlewares: [validateAndTransformBody(AdminHideNote)],
  },
  {
    matcher: "/admin/notes/:id/restore",
    method: ["POST"],
    middlewares: [validateAndTransformBody(Empty)],
  },
]
