import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import type { AdminBuyerResponse } from "../../../../../types"
import { approveBuyerWorkflow } from "../../../../../workflows"
import { fetchBuyerOrThrow } from "../../../../utils/buyers-read"

/** `POST /admin/buyers/{id}/approve`: approve or reinstate. */
export async function POST(
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse<AdminBuyerResponse>
) {
  await approveBuyerWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.json({
    buyer: await fetchBuyerOrThrow(
      req.scope,
      { id: req.params.id },
      "not found"
    ),
  })
}
