import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { markSettlementFailedWorkflow } from "../../../../../workflows"
import { withKnownErrors } from "../../../../utils/known-errors"
import { fetchSettlement } from "../../../../utils/settlements-read"
import type { AdminMarkSettlementFailedType } from "../../validators"

/**
 * `POST /admin/settlements/{id}/mark-failed` `{ reason }` → `{ settlement }`:
 * a manual payment did not go through; the entries are payable again. 409
 * for a Stripe settlement or one already paid or failed.
 */
export async function POST(
  req: AuthenticatedMedusaRequest<AdminMarkSettlementFailedType>,
  res: MedusaResponse
) {
  await withKnownErrors(res, async () => {
    const body = req.validatedBody as AdminMarkSettlementFailedType
    await markSettlementFailedWorkflow(req.scope).run({
      input: { settlement_id: req.params.id, reason: body.reason },
    })
    const settlement = await fetchSettlement(req.scope, req.params.id)
    res.json({ settlement })
  })
}
