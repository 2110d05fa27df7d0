import { MedusaError } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { BUYERS_MODULE } from "../../modules/buyers"
import type BuyersModuleService from "../../modules/buyers/service"

/**
 * The buyers whose notes `GET /store/notes?feed=following` shows: those the
 * logged-in customer follows that the store shows. Undefined without
 * `feed` (no filter); a 401 naming the reason without a customer.
 */
export async function followingFeedBuyerIds(
  scope: MedusaContainer,
  feed: "following" | undefined,
  customerId: string | undefined
): Promise<string[] | undefined> {
  if (!feed) {
    return undefined
  }
  if (!customerId) {
    throw new MedusaError(
      MedusaError.Types.UNAUTHORIZED,
      "feed: 'following' shows the notes of the buyers you follow: log in as a customer (session or bearer token)"
    )
  }
  return scope
    .resolve<BuyersModuleService>(BUYERS_MODULE)
    .listFollowedBuyerIds(customerId)
}
