import { useAdminQuery } from "../../../lib/api"

type ProductPrices = {
  product: {
    id: string
    title: string
    variants: {
      id: string
      title: string
      prices: { amount: number | string; currency_code: string }[]
    }[]
  }
}

/**
 * A product's current price in `currency`: the variant's, or the first
 * variant's when none is chosen, as the decimal string the API sent (no
 * arithmetic on it); null when it has no price in that currency.
 */
export function useProductPrice(
  productId: string | null,
  variantId: string | null,
  currency: string
) {
  const prices = useAdminQuery<ProductPrices>(
    `/admin/products/${productId}`,
    {
      fields:
        "id,title,variants.id,variants.title,variants.prices.amount,variants.prices.currency_code",
    },
    { enabled: !!productId }
  )
  const variants = prices.data?.product.variants ?? []
  const v = variants.find((x) => x.id === variantId) ?? variants[0]
  const price = v?.prices.find(
    (p) => p.currency_code.toLowerCase() === currency.toLowerCase()
  )
  return {
    loaded: !!prices.data,
    price: price ? String(price.amount) : null,
  }
}
