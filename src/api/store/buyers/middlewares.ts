import {
  MiddlewareRoute,
  authenticate,
  validateAndTransformBody,
  validateAndTransformQuery,
} from "@medusajs/framework/http"
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

export const storeBuyersMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/store/buyers*",
    middlewares: [customer],
  },
  {
    matcher: "/store/buyers",
    method: ["POST"],
    middlewares: [validateAndTransformBody(StoreApplyBuyer)],
  },
  {
    matcher: "/store/buyers/me",
    method: ["GET"],
    middlewares: [validateAndTransformQuery(Empty, { defaults: ["id"] })],
  },
  {
    matcher: "/store/buyers/me",
    method: ["POST"],
    middlewares: [validateAndTransformBody(StoreUpdateBuyer)],
  },
  {
    matcher: "/store/buyers/me/notes",
    method: ["GET"],
    middlewares: [
      validateAndTransformQuery(StoreGetBuyerNotesParams, {
        defaults: ["id"],
        isList: true,
      }),
    ],
  },
  {
    matcher: "/store/buyers/me/notes",
    method: ["POST"],
    middlewares: [validateAndTransformBody(StoreCreateBuyerNote)],
  },
  {
    matcher: "/store/buyers/me/notes/:id",
    method: ["GET"],
    middlewares: [validateAndTransformQuery(Empty, { defaults: ["id"] })],
  },
  {
    matcher: "/store/buyers/me/commissions",
    method: ["GET"],
    middlewares: [
      validateAndTransformQuery(StoreGetMyCommissionsParams, {
        defaults: ["id"],
        isList: true,
      }),
    ],
  },
  {
    matcher: "/store/buyers/me/balance",
    method: ["GET"],
    middlewares: [validateAndTransformQuery(Empty, { defaults: ["id"] })],
  },
  {
    matcher: "/store/buyers/me/settlements",
    method: ["GET"],
    middlewares: [
      validateAndTransformQuery(StoreGetMySettlementsParams, {
        defaults: ["id"],
        isList: true,
      }),
    ],
  },
  {
    matcher: "/store/buyers/me/settlements/:id",
    method: ["GET"],
    middlewares: [
      validateAndTransformQuery(StoreGetMySettlementParams, {
        defaults: ["id"],
      }),
    ],
  },
  {
    matcher: "/store/buyers/me/settlements/:id/statement",
    method: ["GET"],
    middlewares: [validateAndTransformQuery(Empty, { defaults: ["id"] })],
  },
  {
    matcher: "/store/buyers/me/payout-account",
    method: ["GET"],
    middlewares: [validateAndTransformQuery(Empty, { defaults: ["id"] })],
  },
  {
    matcher: "/store/buyers/me/payout-account",
    method: ["POST"],
    middlewares: [validateAndTransformBody(Empty)],
  },
  {
    matcher: "/store/buyers/me/notes/:id",
    method: ["POST"],
    middlewares: [validateAndTransformBody(StoreUpdateBuyerNote)],
  },
]
