import {
  defineMiddlewares,
  type MedusaNextFunction,
  type MedusaRequest,
  type MedusaResponse,
  type MiddlewareRoute,
} from "@medusajs/framework/http"
import { ATTRIBUTION_MODULE } from "../modules/attribution"
import type AttributionModuleService from "../modules/attribution/service"
import { adminBuyersMiddlewares } from "./admin/buyers/middlewares"
import { adminBuyerReportMiddlewares } from "./admin/buyers/[id]/report/middlewares"
import { adminBuyerPromoCodesMiddlewares } from "./admin/buyers/[id]/promo-codes/middlewares"
import { adminClicksMiddlewares } from "./admin/clicks/middlewares"
import { adminCommissionRulesMiddlewares } from "./admin/commission-rules/middlewares"
import { adminCommissionsMiddlewares } from "./admin/commissions/middlewares"
import { adminNotesMiddlewares } from "./admin/notes/middlewares"
import { adminNoteCommentsMiddlewares } from "./admin/note-comments/middlewares"
import { adminNoteReportMiddlewares } from "./admin/notes/[id]/report/middlewares"
import { adminOrdersMiddlewares } from "./admin/orders/middlewares"
import { adminProgramReportMiddlewares } from "./admin/program-report/middlewares"
import { adminSettlementsMiddlewares } from "./admin/settlements/middlewares"
import { storeBuyersMiddlewares } from "./store/buyers/middlewares"
import { storeMyReportMiddlewares } from "./store/buyers/me/report/middlewares"
import { storeMyPromoCodesMiddlewares } from "./store/buyers/me/promo-codes/middlewares"
import { storeCartsMiddlewares } from "./store/carts/middlewares"
import { storeFollowingMiddlewares } from "./store/customers/me/following/middlewares"
import { storeSavedNotesMiddlewares } from "./store/customers/me/saved-notes/middlewares"
import { storeNotesMiddlewares } from "./store/notes/middlewares"
import { storeNoteCommentsMiddlewares } from "./store/notes/[id]/comments/middlewares"
import { webhooksMiddlewares } from "./webhooks/middlewares"
import {
  pathAwareErrorHandler,
  redirectPathGuard,
  requestGuard,
} from "./utils/request-guard"

const routes: MiddlewareRoute[] = [
  ...storeNotesMiddlewares,
  ...storeNoteCommentsMiddlewares,
  ...storeBuyersMiddlewares,
  ...storeCartsMiddlewares,
  ...storeSavedNotesMiddlewares,
  ...storeFollowingMiddlewares,
  ...adminNotesMiddlewares,
  ...adminNoteCommentsMiddlewares,
  ...adminBuyersMiddlewares,
  ...adminCommissionRulesMiddlewares,
  ...adminCommissionsMiddlewares,
  ...adminOrdersMiddlewares,
  ...adminClicksMiddlewares,
  ...adminSettlementsMiddlewares,
  ...webhooksMiddlewares,
  ...storeMyReportMiddlewares,
  ...adminBuyerReportMiddlewares,
  ...adminNoteReportMiddlewares,
  ...adminProgramReportMiddlewares,
  ...adminBuyerPromoCodesMiddlewares,
  ...storeMyPromoCodesMiddlewares,
]

/**
 * Where the plugin's API routes live. Each prefix gets the request guard
 * (`./utils/request-guard`) in front of everything else, and Medusa's body
 * parser turned off: the guard reads the body itself. The guards are
 * registered without a method and without path parameters, so that they run
 * before any route layer decodes one; where a prefix is shared with Medusa's
 * own routes, the guard acts only on the plugin's exact path and passes
 * every other request on untouched. Matchers are strings: Medusa 2.15
 * turns a regular-expression matcher into a string and fails to start.
 */
const PREFIXES = [
  "/admin/notes",
  "/admin/note-comments",
  "/admin/buyers",
  "/admin/commission-rules",
  "/admin/commissions",
  "/admin/settlements",
  "/admin/clicks",
  "/admin/program-report",
  "/store/notes",
  "/store/buyers",
  "/webhooks/stripe",
]
const SHARED_PREFIX_ROUTES = [
  {
    prefix: "/admin/orders",
    path: "/admin/orders/:id/attribution",
    exact: /^\/admin\/orders\/[^/]+\/attribution\/?$/,
  },
  {
    prefix: "/store/carts",
    path: "/store/carts/:id/referral",
    exact: /^\/store\/carts\/[^/]+\/referral\/?$/,
  },
  {
    prefix: "/store/customers",
    path: "/store/customers/me/saved-notes",
    exact: /^\/store\/customers\/me\/saved-notes\/?$/,
  },
  {
    prefix: "/store/customers",
    path: "/store/customers/me/following",
    exact: /^\/store\/customers\/me\/following\/?$/,
  },
]

const patterns = routes
  .map((r) => r.matcher)
  .filter((m): m is string => typeof m === "string")
const guard = requestGuard(patterns)
const guardOnly =
  (exact: RegExp) =>
  (req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) =>
    exact.test(req.originalUrl.split("?", 1)[0])
      ? guard(req, res, next)
      : next()
const storefrontHome = (req: MedusaRequest) =>
  new URL(
    "/",
    req.scope.resolve<AttributionModuleService>(ATTRIBUTION_MODULE).getOptions()
      .storefront_url
  ).toString()

export default defineMiddlewares({
  errorHandler: pathAwareErrorHandler(patterns, storefrontHome),
  routes: [
    ...PREFIXES.map((matcher) => ({ matcher, middlewares: [guard] })),
    ...SHARED_PREFIX_ROUTES.flatMap(({ prefix, path, exact }) => [
      { matcher: prefix, middlewares: [guardOnly(exact)] },
      { matcher: path, bodyParser: false as const },
    ]),
    // The body parser is off on each prefix and everything below it.
    ...PREFIXES.flatMap((p) => [p, `${p}/*`]).map((matcher) => ({
      matcher,
      bodyParser: false as const,
    })),
    {
      matcher: "/r",
      middlewares: [redirectPathGuard(storefrontHome)],
    },
    ...routes,
  ],
})
