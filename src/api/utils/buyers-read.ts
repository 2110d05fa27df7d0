import { MedusaError } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { BUYERS_MODULE } from "../../modules/buyers"
import type BuyersModuleService from "../../modules/buyers/service"
import type { BuyerDTO } from "../../types"

/** One buyer by a filter, or NOT_FOUND with `message`. */
export async function fetchBuyerOrThrow(
  scope: MedusaContainer,
  filters: { id?: string; customer_id?: string },
  message: string
): Promise<BuyerDTO> {
  const service = scope.resolve<BuyersModuleService>(BUYERS_MODULE)
  const [buyer] = await service.listBuyers(filters, { take: 1 })
  if (!buyer) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, message)
  }
  return buyer as unknown as BuyerDTO
}

/** The calling customer's own buyer profile, or 404. */
export function fetchMyBuyer(
  scope: MedusaContainer,
  customerId: string
): Promise<BuyerDTO> {
  return fetchBuyerOrThrow(
    scope,
    { customer_id: customerId },
    "This customer has no buyer profile"
  )
}

/**
 * A buyer given as an id (`buyer_…`) or a handle, as storefront URLs carry
 * either. Null when no buyer has that handle.
 */
export async function resolveBuyerRef(
  scope: MedusaContainer,
  ref: string
): Promise<string | null> {
  if (ref.startsWith("buyer_")) {
    return ref
  }
  const service = scope.resolve<BuyersModuleService>(BUYERS_MODULE)
  const [buyer] = await service.listBuyers(
    { handle: ref.toLowerCase() },
    { take: 1, select: ["id"] }
  )
  return buyer?.id ?? null
}
