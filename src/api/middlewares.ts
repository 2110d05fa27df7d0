import { defineMiddlewares } from "@medusajs/framework/http"
import { adminNotesMiddlewares } from "./admin/notes/middlewares"
import { storeNotesMiddlewares } from "./store/notes/middlewares"

export default defineMiddlewares({
  routes: [...storeNotesMiddlewares, ...adminNotesMiddlewares],
})
