import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { COMMISSION_MODULE } from "../../../../modules/commission"
import type CommissionModuleService from "../../../../modules/commission/service"
import { createCommissionAdjustmentWorkflow } from "../../../../workflows"
import { serializeEntry } from "../../../utils/commissions-read"
import type { AdminCreateCommissionAdjustmentType } from "../validators"

/**
 * `POST /admin/commissions/adjustments` `{ buyer_id, currency_code, amount,
 * reason }` → `{ commission }`: recorded with the admin user.
 */
export async function POST(
  req: AuthenticatedMedusaRequest<AdminCreateCommissionAdjustmentType>,
  res: MedusaResponse
) {
  const { result } = await createCommissionAdjustmentWorkflow(req.scope).run({
    input: { ...req.validatedBody, actor_id: req.auth_context.actor_id },
  })
  const entry = await req.scope
    .resolve<CommissionModuleService>(COMMISSION_MODULE)
    .retrieveCommissionEntry(result.id)
  res.json({
    commission: serializeEntry(entry as unknown as Record<string, unknown>),
  })
}
