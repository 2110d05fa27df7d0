import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import type { StoreBuyerResponse } from "../../../types"
import { applyBuyerWorkflow } from "../../../workflows"
import { fetchMyBuyer } from "../../utils/buyers-read"
import type { StoreApplyBuyerType } from "./validators"

/** `POST /store/buyers`: the logged-in customer applies (status `pending`). */
export async function POST(
  req: AuthenticatedMedusaRequest<StoreApplyBuyerType>,
  res: MedusaResponse<StoreBuyerResponse>
) {
  await applyBuyerWorkflow(req.scope).run({
    input: { ...req.validatedBody, customer_id: req.auth_context.actor_id },
  })
  res.json({ buyer: await fetchMyBuyer(req.scope, req.auth_context.actor_id) })
}
