import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

/** What a commission rule matches on about a product (resolve-rule.ts). */
export type ProductRuleFacts = {
  collection_id: string | null
  category_ids: string[]
  variant_ids: string[]
}

/**
 * The facts commission rules match on beyond the line itself: each
 * product's collection, categories and variants, and each buyer's tier.
 * One read for the accrual (`getOrderAccrualLinesStep`, deleted products
 * included: they still earn for orders placed before) and the rule preview
 * (`GET /admin/commission-rules/preview`), so the two build the same rule
 * context. A product or buyer that does not exist is absent from its map.
 */
export async function readRuleFacts(
  container: MedusaContainer,
  input: {
    product_ids: string[]
    buyer_ids: string[]
    with_deleted?: boolean
  }
): Promise<{
  products: Map<string, ProductRuleFacts>
  tiers: Map<string, string | null>
}> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const products = new Map<string, ProductRuleFacts>()
  const tiers = new Map<string, string | null>()
  const productIds = [...new Set(input.product_ids)]
  const buyerIds = [...new Set(input.buyer_ids)]
  if (productIds.length) {
    const { data } = await query.graph({
      entity: "product",
      fields: ["id", "collection_id", "categories.id", "variants.id"],
      filters: { id: productIds },
      ...(input.with_deleted ? { withDeleted: true } : {}),
    })
    for (const p of data as {
      id: string
      collection_id: string | null
      categories?: { id: string }[] | null
      variants?: { id: string }[] | null
    }[]) {
      products.set(p.id, {
        collection_id: p.collection_id ?? null,
        category_ids: (p.categories ?? []).map((c) => c.id),
        variant_ids: (p.variants ?? []).map((v) => v.id),
      })
    }
  }
  if (buyerIds.length) {
    const { data } = await query.graph({
      entity: "buyer",
      fields: ["id", "tier"],
      filters: { id: buyerIds },
    })
    for (const b of data as { id: string; tier: string | null }[]) {
      tiers.set(b.id, b.tier ?? null)
    }
  }
  return { products, tiers }
}
