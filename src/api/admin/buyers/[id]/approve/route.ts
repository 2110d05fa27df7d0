import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import type { AdminBuyerResponse } from "../../../../../types"
import { approveBuyerWorkflow } from "../../../../../workflows"
import { fetchBuyerOrThrow } from "../../../../utils/buyers-read"
import { withKnownErrors } from "../../../../utils/known-errors"

/** `POST /admin/buyers/{id}/approve`: approve or reinstate. */
export async function POST(
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse<AdminBuyerResponse>
) {
  await withKnownErrors(res, async () => {
    await approveBuyerWorkflow(req.scope).run({ input: { id: req.params.id } })
    res.json({
      buyer: await fetchBuyerOrThrow(
        req.scope,
        { id: req.params.id },
        "not found"
      ),
    })
  })
}
