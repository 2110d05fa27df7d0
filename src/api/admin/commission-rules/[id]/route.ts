import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { COMMISSION_MODULE } from "../../../../modules/commission"
import type CommissionModuleService from "../../../../modules/commission/service"

/** `GET /admin/commission-rules/{id}` → `{ commission_rule }` (404 when missing). */
export async function GET(
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) {
  const service = req.scope.resolve<CommissionModuleService>(COMMISSION_MODULE)
  res.json({
    commission_rule: await service.retrieveCommissionRule(req.params.id),
  })
}
