import { cache } from "react"
import { defaultRegionId, sdk } from "./medusa"

const PRODUCT_FIELDS =
  "id,title,subtitle,handle,description,thumbnail,*images,*options,*options.values,*variants,*variants.options,*variants.calculated_price"

/**
 * A published product of the storefront's sales channel by handle, with
 * each variant's price in the storefront's region; null when there is
 * none. Cached for one render (metadata and page).
 */
export const getProduct = cache(async (handle: string) => {
  const region_id = await defaultRegionId()
  const { products } = await sdk.store.product.list({
    handle,
    region_id,
    limit: 1,
    fields: PRODUCT_FIELDS,
  })
  return products[0] ?? null
})

export type Product = NonNullable<Awaited<ReturnType<typeof getProduct>>>
