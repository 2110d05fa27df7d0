import {
  ContainerRegistrationKeys,
  MedusaError,
} from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export type RuleReferences = {
  product_id?: string | null
  variant_id?: string | null
  collection_id?: string | null
  category_id?: string | null
  buyer_id?: string | null
  currency_code?: string | null
  cap_currency_code?: string | null
}

export const validateRuleReferencesStepId = "validate-rule-references"

const CHECKS: {
  field: keyof RuleReferences
  entity: string
  key: string
  label: string
}[] = [
  { field: "product_id", entity: "product", key: "id", label: "product" },
  {
    field: "variant_id",
    entity: "product_variant",
    key: "id",
    label: "variant",
  },
  {
    field: "collection_id",
    entity: "product_collection",
    key: "id",
    label: "collection",
  },
  {
    field: "category_id",
    entity: "product_category",
    key: "id",
    label: "category",
  },
  { field: "buyer_id", entity: "buyer", key: "id", label: "buyer" },
  {
    field: "currency_code",
    entity: "currency",
    key: "code",
    label: "currency",
  },
  {
    field: "cap_currency_code",
    entity: "currency",
    key: "code",
    label: "currency",
  },
]

/**
 * Every record a commission rule names must exist: product, variant,
 * collection, category, buyer, currencies. A missing one is a 400 naming
 * the field. Read-only.
 *
 * @example
 * validateRuleReferencesStep({ product_id: "prod_1", currency_code: "eur" })
 */
export const validateRuleReferencesStep = createStep(
  validateRuleReferencesStepId,
  async (input: RuleReferences, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    for (const check of CHECKS) {
      const value = input[check.field]
      if (!value) {
        continue
      }
      const { data } = await query.graph({
        entity: check.entity,
        fields: [check.key],
        filters: { [check.key]: value },
      })
      if (!data.length) {
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          `${check.field}: ${check.label} '${value}' does not exist`
        )
      }
    }
    return new StepResponse(void 0)
  }
)
