import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { withKnownErrors } from "../../../../utils/known-errors"
import { markSettlementPaidWorkflow } from "../../../../../workflows"
import { fetchSettlement } from "../../../../utils/settlements-read"
import type { AdminMarkSettlementPaidType } from "../../validators"

/**
 * `POST /admin/settlements/{id}/mark-paid` `{ reference }` → `{ settlement }`:
 * records a manual settlement paid (its entries become `paid`). 409 for a
 * Stripe settlement or one already paid or failed.
 */
export async function POST(
  req: AuthenticatedMedusaRequest<AdminMarkSettlementPaidType>,
  res: MedusaResponse
) {
  await withKnownErrors(res, async () => {
    const body = req.validatedBody as AdminMarkSettlementPaidType
    await markSettlementPaidWorkflow(req.scope).run({
      input: {
        settlement_id: req.params.id,
        reference: body.reference,
        actor_id: req.auth_context.actor_id,
      },
    })
    const settlement = await fetchSettlement(req.scope, req.params.id)
    res.json({ settlement })
  })
}
