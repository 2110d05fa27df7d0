import { defineMiddlewares } from "@medusajs/framework/http"
import { adminBuyersMiddlewares } from "./admin/buyers/middlewares"
import { adminCommissionRulesMiddlewares } from "./admin/commission-rules/middlewares"
import { adminCommissionsMiddlewares } from "./admin/commissions/middlewares"
import { adminNotesMiddlewares } from "./admin/notes/middlewares"
import { adminOrdersMiddlewares } from "./admin/orders/middlewares"
import { adminSettlementsMiddlewares } from "./admin/settlements/middlewares"
import { storeBuyersMiddlewares } from "./store/buyers/middlewares"
import { storeCartsMiddlewares } from "./store/carts/middlewares"
import { storeNotesMiddlewares } from "./store/notes/middlewares"
import { webhooksMiddlewares } from "./webhooks/middlewares"

export default defineMiddlewares({
  routes: [
    ...storeNotesMiddlewares,
    ...storeBuyersMiddlewares,
    ...storeCartsMiddlewares,
    ...adminNotesMiddlewares,
    ...adminBuyersMiddlewares,
    ...adminCommissionRulesMiddlewares,
    ...adminCommissionsMiddlewares,
    ...adminOrdersMiddlewares,
    ...adminSettlementsMiddlewares,
    ...webhooksMiddlewares,
  ],
})
