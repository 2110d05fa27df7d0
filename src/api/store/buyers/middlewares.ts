import { MiddlewareRoute, authenticate } from "@medusajs/framework/http"
import { validateBody, validateQuery } from "../../utils/validate"
import {
  StoreApplyBuyer,
  StoreCreateBuyerNote,
  StoreGetBuyerNotesParams,
  StoreGetMyCommissionsParams,
  StoreGetMySettlementParams,
  StoreGetMySettlementsParams,
  StoreUpdateBuyer,
  StoreUpdateBuyerNote,
} from "./validators"
import { Empty } from "../../utils/empty"

const customer = authenticate("customer", ["session", "bearer"])
/** Public reads; a logged-in customer also gets `following`. */
const reader = authenticate("customer", ["session", "bearer"], {
  allowUnauthenticated: true,
})

export const storeBuyersMiddlewares: MiddlewareRoute[] = [
  {
    // No method: Express mounts it as a prefix, so `/store/buyers/me` and
    // everything below it need a customer, and `/store/buyers/{handle}`
    // stays public. `me` is a reserved handle, so no buyer is shadowed.
    matcher: "/store/buyers/me",
    middlewares: [customer],
  },
  {
    matcher: "/store/buyers",
    method: ["POST"],
    middlewares: [customer, validateBody(StoreApplyBuyer)],
  },
  {
    matcher: "/store/buyers/:handle",
    method: ["GET"],
    middlewares: [reader, validateQuery(Empty, { defaults: ["id"] })],
  },
  {
    matcher: "/store/buyers/:handle/follow",
    method: ["POST", "DELETE"],
    middlewares: [customer, validateBody(Empty)],
  },
  {
    matcher: "/store/buyers/me",
    method: ["GET"],
    middlewares: [validateQuery(Empty, { defaults: ["id"] })],
  },
  {
    matcher: "/store/buyers/me",
    method: ["POST"],
    middlewares: [validateBody(StoreUpdateBuyer)],
  },
  {
    matcher: "/store/buyers/me/notes",
    method: ["GET"],
    middlewares: [
      validateQuery(StoreGetBuyerNotesParams, {
        defaults: ["id"],
        isList: true,
      }),
    ],
  },
  {
    matcher: "/store/buyers/me/notes",
    method: ["POST"],
    middlewares: [validateBody(StoreCreateBuyerNote)],
  },
  {
    matcher: "/store/buyers/me/notes/:id",
    method: ["GET"],
    middlewares: [validateQuery(Empty, { defaults: ["id"] })],
  },
  {
    matcher: "/store/buyers/me/commissions",
    method: ["GET"],
    middlewares: [
      validateQuery(StoreGetMyCommissionsParams, {
        defaults: ["id"],
        isList: true,
      }),
    ],
  },
  {
    matcher: "/store/buyers/me/balance",
    method: ["GET"],
    middlewares: [validateQuery(Empty, { defaults: ["id"] })],
  },
  {
    matcher: "/store/buyers/me/settlements",
    method: ["GET"],
    middlewares: [
      validateQuery(StoreGetMySettlementsParams, {
        defaults: ["id"],
        isList: true,
      }),
    ],
  },
  {
    matcher: "/store/buyers/me/settlements/:id",
    method: ["GET"],
    middlewares: [
      validateQuery(StoreGetMySettlementParams, {
        defaults: ["id"],
      }),
    ],
  },
  {
    matcher: "/store/buyers/me/settlements/:id/statement",
    method: ["GET"],
    middlewares: [validateQuery(Empty, { defaults: ["id"] })],
  },
  {
    matcher: "/store/buyers/me/payout-account",
    method: ["GET"],
    middlewares: [validateQuery(Empty, { defaults: ["id"] })],
  },
  {
    matcher: "/store/buyers/me/payout-account",
    method: ["POST"],
    middlewares: [validateBody(Empty)],
  },
  {
    matcher: "/store/buyers/me/notes/:id",
    method: ["POST"],
    middlewares: [validateBody(StoreUpdateBuyerNote)],
  },
]
