import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import type { AdminBuyerResponse } from "../../../../../types"
import { suspendBuyerWorkflow } from "../../../../../workflows"
import { fetchBuyerOrThrow } from "../../../../utils/buyers-read"
import type { AdminSuspendBuyerType } from "../../validators"
import { withKnownErrors } from "../../../../utils/known-errors"

/** `POST /admin/buyers/{id}/suspend` `{ reason }`. */
export async function POST(
  req: AuthenticatedMedusaRequest<AdminSuspendBuyerType>,
  res: MedusaResponse<AdminBuyerResponse>
) {
  await withKnownErrors(res, async () => {
    await suspendBuyerWorkflow(req.scope).run({
      input: { id: req.params.id, reason: req.validatedBody.reason },
    })
    res.json({
      buyer: await fetchBuyerOrThrow(
        req.scope,
        { id: req.params.id },
        "not found"
      ),
    })
  })
}
