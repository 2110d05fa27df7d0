import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { orderBy } from "../../utils/fields"
import { BUYERS_MODULE } from "../../../modules/buyers"
import type BuyersModuleService from "../../../modules/buyers/service"
import type { AdminBuyersListResponse, BuyerDTO } from "../../../types"
import type { AdminGetBuyersParamsType } from "./validators"

/** `GET /admin/buyers`: newest first, filtered by status, tier, customer, ids or text. */
export async function GET(
  req: AuthenticatedMedusaRequest<unknown, AdminGetBuyersParamsType>,
  res: MedusaResponse<AdminBuyersListResponse>
) {
  const params = req.validatedQuery as AdminGetBuyersParamsType
  const service = req.scope.resolve<BuyersModuleService>(BUYERS_MODULE)
  const filters: Record<string, unknown> = {}
  if (params.status) filters.status = params.status
  if (params.tier) filters.tier = params.tier
  if (params.customer_id) filters.customer_id = params.customer_id
  if (params.id?.length) filters.id = params.id
  if (params.q) {
    const like = `%${params.q.replace(/[\\%_]/g, (c) => "\\" + c)}%`
    filters.$or = [
      { handle: { $ilike: like } },
      { display_name: { $ilike: like } },
    ]
  }
  const [buyers, count] = await service.listAndCountBuyers(filters, {
    take: params.limit,
    skip: params.offset,
    order: orderBy(params.order),
  })
  res.json({
    buyers: buyers as unknown as BuyerDTO[],
    count,
    limit: params.limit,
    offset: params.offset,
  })
}
