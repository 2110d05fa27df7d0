import type {
  MedusaResponse,
  MedusaStoreRequest,
} from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { BUYERS_MODULE } from "../../../../modules/buyers"
import type BuyersModuleService from "../../../../modules/buyers/service"
import { NOTES_MODULE } from "../../../../modules/notes"
import type NotesModuleService from "../../../../modules/notes/service"
import type { StoreBuyerProfileResponse } from "../../../../types"

/**
 * `GET /store/buyers/{handle}`: a buyer's public profile (approved buyers
 * only: a pending, suspended or unknown handle is a 404). Public; a
 * logged-in customer also reads `following`. Three indexed reads, the last
 * two in parallel: the buyer by handle, the notes' count and likes
 * (`authorStats`), and the reader's follow.
 */
export async function GET(
  req: MedusaStoreRequest,
  res: MedusaResponse<StoreBuyerProfileResponse>
) {
  const handle = req.params.handle.toLowerCase()
  const buyers = req.scope.resolve<BuyersModuleService>(BUYERS_MODULE)
  const notes = req.scope.resolve<NotesModuleService>(NOTES_MODULE)
  const [buyer] = await buyers.listBuyers(
    { handle, status: "approved" },
    {
      take: 1,
      select: [
        "id",
        "handle",
        "display_name",
        "bio",
        "avatar_url",
        "followers_count",
        "created_at",
      ],
    }
  )
  if (!buyer) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `Buyer with handle: ${handle} was not found`
    )
  }
  const customerId = req.auth_context?.actor_id
  const [stats, following] = await Promise.all([
    notes.authorStats(buyer.id),
    customerId ? buyers.isFollowing(customerId, buyer.id) : undefined,
  ])
  res.json({
    buyer: {
      id: buyer.id,
      handle: buyer.handle,
      display_name: buyer.display_name,
      bio: buyer.bio ?? null,
      avatar_url: buyer.avatar_url ?? null,
      followers_count: Number(buyer.followers_count),
      notes_count: stats.notes_count,
      likes_received: stats.likes_received,
      created_at: buyer.created_at,
      ...(following === undefined ? {} : { following }),
    },
  })
}
