import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { BUYERS_MODULE } from "../../../../../modules/buyers"
import type BuyersModuleService from "../../../../../modules/buyers/service"
import type { StoreFollowingResponse } from "../../../../../types"
import type { StoreGetFollowingParamsType } from "./validators"

/**
 * `GET /store/customers/me/following`: the buyers the logged-in customer
 * follows, newest follow first. Buyers the store no longer shows
 * (suspended) are left out; their follows are kept.
 */
export async function GET(
  req: AuthenticatedMedusaRequest<unknown, StoreGetFollowingParamsType>,
  res: MedusaResponse<StoreFollowingResponse>
) {
  const params = req.validatedQuery as StoreGetFollowingParamsType
  const service = req.scope.resolve<BuyersModuleService>(BUYERS_MODULE)
  const { buyers, count } = await service.listFollowedBuyers(
    req.auth_context.actor_id,
    params
  )
  res.json({ buyers, count, limit: params.limit, offset: params.offset })
}
