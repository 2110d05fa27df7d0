import { toRuleResponse } from "../../../utils/rules-read"
import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { COMMISSION_MODULE } from "../../../../modules/commission"
import type CommissionModuleService from "../../../../modules/commission/service"
import { resolveCommissionRule } from "../../../../modules/commission/utils/resolve-rule"
import { readRuleFacts } from "../../../../workflows/commission/utils/rule-facts"
import type { AdminPreviewCommissionRuleParamsType } from "../validators"

/**
 * `GET /admin/commission-rules/preview?product_id=&variant_id=&buyer_id=&currency_code=`
 * → `{ commission_rule, passed_over, context }`: the rule that would apply
 * now and why the more specific ones did not. Without `buyer_id`: the rule
 * of a buyer with no rules of their own (at `tier` when given).
 */
export async function GET(
  req: AuthenticatedMedusaRequest<
    unknown,
    AdminPreviewCommissionRuleParamsType
  >,
  res: MedusaResponse
) {
  const p = req.validatedQuery as AdminPreviewCommissionRuleParamsType
  const { products, tiers } = await readRuleFacts(req.scope, {
    product_ids: [p.product_id],
    buyer_ids: p.buyer_id ? [p.buyer_id] : [],
  })
  const product = products.get(p.product_id)
  if (!product) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `product_id: product '${p.product_id}' does not exist`
    )
  }
  if (p.variant_id && !product.variant_ids.includes(p.variant_id)) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `variant_id: variant '${p.variant_id}' is not a variant of product '${p.product_id}'`
    )
  }
  let tier = p.tier ?? null
  if (p.buyer_id) {
    if (!tiers.has(p.buyer_id)) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `buyer_id: buyer '${p.buyer_id}' does not exist`
      )
    }
    tier = tiers.get(p.buyer_id) ?? null
  }
  const context = {
    buyer_id: p.buyer_id ?? null,
    tier,
    product_id: p.product_id,
    variant_id: p.variant_id ?? null,
    collection_id: product.collection_id,
    category_ids: product.category_ids,
    currency_code: p.currency_code,
    at: new Date(),
  }
  const service = req.scope.resolve<CommissionModuleService>(COMMISSION_MODULE)
  const rules = await service.listCandidateRules([context])
  const { rule, passed_over } = resolveCommissionRule(rules, context)
  res.json({
    commission_rule: toRuleResponse(rule),
    passed_over,
    context,
  })
}
