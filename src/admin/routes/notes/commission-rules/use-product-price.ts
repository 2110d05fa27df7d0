import { useAdminQuery } from "../../../lib/api"
import { compareDecimals } from "../../../lib/money"

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
 * A product's current price in `currency`: the chosen variant's, or the
 * lowest of its variants' when none is chosen, as the decimal string the
 * API sent; null when it has no price in that currency.
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
  const inCurrency = (v: (typeof variants)[number]) => {
    const p = v.prices.find(
      (x) => x.currency_code.toLowerCase() === currency.toLowerCase()
    )
    return p ? String(p.amount) : null
  }
  const chosen = variants.find((x) => x.id === variantId)
  // No variant chosen: the lowest price (the API lists variants in no set
  // order, so "the first" would change from one load to the next).
  const price = chosen
    ? inCurrency(chosen)
    : variants
        .map(inCurrency)
        .filter((p): p is string => p !== null)
        .reduce<string | null>(
          (min, p) => (min === null || compareDecimals(p, min) < 0 ? p : min),
          null
        )
  return { loaded: !!prices.data, price }
}
