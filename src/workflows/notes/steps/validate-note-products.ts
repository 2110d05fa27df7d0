import {
  ContainerRegistrationKeys,
  MedusaError,
} from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { NoteProductInput } from "../../../types"

export type ValidateNoteProductsStepInput = {
  /** The request field the products came from, used in error messages. */
  field: string
  products: NoteProductInput[]
}[]

export const validateNoteProductsStepId = "validate-note-products"

/**
 * Checks that every tagged product exists, that a tagged variant belongs to
 * its product, and that no product is tagged twice. Module links do not
 * check that a linked record exists, so this step must run before a note's
 * products are written.
 *
 * @example
 * validateNoteProductsStep([{ field: "products", products: [{ product_id: "prod_123" }] }])
 */
export const validateNoteProductsStep = createStep(
  validateNoteProductsStepId,
  async (input: ValidateNoteProductsStepInput, { container }) => {
    const ids = new Set<string>()
    for (const { field, products } of input) {
      const seen = new Map<string, number>()
      products.forEach((p, i) => {
        if (seen.has(p.product_id)) {
          throw new MedusaError(
            MedusaError.Types.INVALID_DATA,
            `${field}[${i}].product_id: product '${p.product_id}' is already tagged at ${field}[${seen.get(p.product_id)}]`
          )
        }
        seen.set(p.product_id, i)
        ids.add(p.product_id)
      })
    }
    if (!ids.size) {
      return new StepResponse(void 0)
    }

    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "product",
      fields: ["id", "variants.id"],
      filters: { id: [...ids] },
    })
    const variantsByProduct = new Map(
      (data as { id: string; variants?: { id: string }[] | null }[]).map(
        (p) => [p.id, new Set((p.variants ?? []).map((v) => v.id))]
      )
    )
    for (const { field, products } of input) {
      products.forEach((p, i) => {
        const variants = variantsByProduct.get(p.product_id)
        if (!variants) {
          throw new MedusaError(
            MedusaError.Types.INVALID_DATA,
            `${field}[${i}].product_id: product '${p.product_id}' does not exist`
          )
        }
        if (p.variant_id && !variants.has(p.variant_id)) {
          throw new MedusaError(
            MedusaError.Types.INVALID_DATA,
            `${field}[${i}].variant_id: variant '${p.variant_id}' is not a variant of product '${p.product_id}'`
          )
        }
      })
    }
    return new StepResponse(void 0)
  }
)
