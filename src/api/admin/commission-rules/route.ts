import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { COMMISSION_MODULE } from "../../../modules/commission"
import type CommissionModuleService from "../../../modules/commission/service"
import { createCommissionRuleWorkflow } from "../../../workflows"
import { orderBy } from "../../utils/fields"
import { toRuleResponse } from "../../utils/rules-read"
import type {
  AdminCreateCommissionRuleType,
  AdminGetCommissionRulesParamsType,
} from "./validators"

/** `GET /admin/commission-rules`: newest first. */
export async function GET(
  req: AuthenticatedMedusaRequest<unknown, AdminGetCommissionRulesParamsType>,
  res: MedusaResponse
) {
  const p = req.validatedQuery as AdminGetCommissionRulesParamsType
  const service = req.scope.resolve<CommissionModuleService>(COMMISSION_MODULE)
  const filters: Record<string, unknown> = {}
  for (const key of ["scope", "is_active", "buyer_id", "product_id"] as const) {
    if (p[key] !== undefined) {
      filters[key] = p[key]
    }
  }
  const [commission_rules, count] = await service.listAndCountCommissionRules(
    filters,
    {
      take: p.limit,
      skip: p.offset,
      order: orderBy(p.order),
    }
  )
  res.json({
    commission_rules: commission_rules.map(toRuleResponse),
    count,
    limit: p.limit,
    offset: p.offset,
  })
}

/** `POST /admin/commission-rules` → `{ commission_rule }`. */
export async function POST(
  req: AuthenticatedMedusaRequest<AdminCreateCommissionRuleType>,
  res: MedusaResponse
) {
  const { result } = await createCommissionRuleWorkflow(req.scope).run({
    input: { ...req.validatedBody, created_by: req.auth_context.actor_id },
  })
  const service = req.scope.resolve<CommissionModuleService>(COMMISSION_MODULE)
  res.json({
    commission_rule: toRuleResponse(
      await service.retrieveCommissionRule(result.id)
    ),
  })
}
