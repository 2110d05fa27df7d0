import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import type { StoreBuyerResponse } from "../../../../types"
import { updateBuyerWorkflow } from "../../../../workflows"
import { fetchMyBuyer } from "../../../utils/buyers-read"
import type { StoreUpdateBuyerType } from "../validators"

/** `GET /store/buyers/me`: the caller's buyer profile (404 before applying). */
export async function GET(
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse<StoreBuyerResponse>
) {
  res.json({ buyer: await fetchMyBuyer(req.scope, req.auth_context.actor_id) })
}

/** `POST /store/buyers/me`: edit the caller's profile. */
export async function POST(
  req: AuthenticatedMedusaRequest<StoreUpdateBuyerType>,
  res: MedusaResponse<StoreBuyerResponse>
) {
  await updateBuyerWorkflow(req.scope).run({
    input: {
      customer_id: req.auth_context.actor_id,
      update: req.validatedBody,
    },
  })
  res.json({ buyer: await fetchMyBuyer(req.scope, req.auth_context.actor_id) })
}
