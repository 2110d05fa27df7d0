import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { COMMISSION_MODULE } from "../../../../modules/commission"
import type CommissionModuleService from "../../../../modules/commission/service"
import {
  deleteCommissionRuleWorkflow,
  updateCommissionRuleWorkflow,
} from "../../../../workflows"
import { toRuleResponse } from "../../../utils/rules-read"
import {
  decimalPlacesIssue,
  type AdminUpdateCommissionRuleType,
} from "../validators"

/** `GET /admin/commission-rules/{id}` → `{ commission_rule }` (404 when missing). */
export async function GET(
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) {
  const service = req.scope.resolve<CommissionModuleService>(COMMISSION_MODULE)
  res.json({
    commission_rule: toRuleResponse(
      await service.retrieveCommissionRule(req.params.id)
    ),
  })
}

/**
 * `POST /admin/commission-rules/{id}` → `{ commission_rule }`. A type
 * mismatch (a rate on a flat rule, an amount on a percentage rule) is a 400.
 */
export async function POST(
  req: AuthenticatedMedusaRequest<AdminUpdateCommissionRuleType>,
  res: MedusaResponse
) {
  const service = req.scope.resolve<CommissionModuleService>(COMMISSION_MODULE)
  const current = await service.retrieveCommissionRule(req.params.id)
  const body = req.validatedBody
  if (body.rate !== undefined && current.type !== "percentage") {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      "rate: only percentage rules have a rate"
    )
  }
  if (body.amount !== undefined && current.type !== "flat") {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      "amount: only flat rules have an amount"
    )
  }
  for (const [field, currency] of [
    ["amount", current.currency_code],
    ["cap_amount", current.cap_currency_code],
  ] as const) {
    const places = decimalPlacesIssue(field, body[field], currency)
    if (places) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, places)
    }
  }
  if (body.cap_amount != null && !current.cap_currency_code) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      "cap_amount: the rule has no cap currency (create the rule with cap_amount and cap_currency_code)"
    )
  }
  await updateCommissionRuleWorkflow(req.scope).run({
    input: {
      id: req.params.id,
      ...body,
      updated_by: req.auth_context.actor_id,
    },
  })
  res.json({
    commission_rule: toRuleResponse(
      await service.retrieveCommissionRule(req.params.id)
    ),
  })
}

/**
 * `DELETE /admin/commission-rules/{id}` → `{ id, object, deleted }`: a soft
 * delete (404 when missing); entries that used the rule keep its snapshot.
 */
export async function DELETE(
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) {
  await req.scope
    .resolve<CommissionModuleService>(COMMISSION_MODULE)
    .retrieveCommissionRule(req.params.id)
  await deleteCommissionRuleWorkflow(req.scope).run({
    input: { id: req.params.id },
  })
  res.json({ id: req.params.id, object: "commission_rule", deleted: true })
}
