import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { withKnownErrors } from "../../../../utils/known-errors"
import { COMMISSION_MODULE } from "../../../../../modules/commission"
import type CommissionModuleService from "../../../../../modules/commission/service"
import { retrySettlementWorkflow } from "../../../../../workflows"
import { fetchSettlement } from "../../../../utils/settlements-read"

/**
 * `POST /admin/settlements/{id}/retry` → `{ settlement, outcome }`: pays a
 * failed or unfinished settlement again without paying twice (see
 * `retrySettlementWorkflow`). 409 if paid, awaiting a manual payment, or
 * while a run holds the lock.
 */
export async function POST(
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) {
  await withKnownErrors(res, async () => {
    const service =
      req.scope.resolve<CommissionModuleService>(COMMISSION_MODULE)
    const { result } = await retrySettlementWorkflow(req.scope).run({
      input: {
        settlement_id: req.params.id,
        lock_ttl_seconds: service.getOptions().settlement_lock_ttl_seconds,
      },
    })
    const settlement = await fetchSettlement(req.scope, req.params.id)
    res.json({ settlement, outcome: result })
  })
}
