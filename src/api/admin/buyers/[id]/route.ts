import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import type { AdminBuyerResponse } from "../../../../types"
import { updateBuyerWorkflow } from "../../../../workflows"
import { fetchBuyerOrThrow } from "../../../utils/buyers-read"
import type { AdminUpdateBuyerType } from "../validators"

const notFound = (id: string) => `Buyer with id: ${id} was not found`

export async function GET(
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse<AdminBuyerResponse>
) {
  res.json({
    buyer: await fetchBuyerOrThrow(
      req.scope,
      { id: req.params.id },
      notFound(req.params.id)
    ),
  })
}

/** `POST /admin/buyers/{id}`: set the tier (and metadata). */
export async function POST(
  req: AuthenticatedMedusaRequest<AdminUpdateBuyerType>,
  res: MedusaResponse<AdminBuyerResponse>
) {
  await updateBuyerWorkflow(req.scope).run({
    input: { id: req.params.id, update: req.validatedBody },
  })
  res.json({
    buyer: await fetchBuyerOrThrow(
      req.scope,
      { id: req.params.id },
      notFound(req.params.id)
    ),
  })
}
