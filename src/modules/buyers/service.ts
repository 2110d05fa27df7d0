import {
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
  MedusaError,
  MedusaService,
  generateEntityId,
} from "@medusajs/framework/utils"
import type { Context } from "@medusajs/framework/types"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import Buyer from "./models/buyer"
import BuyerFollow from "./models/buyer-follow"
import BuyerPromoCode from "./models/buyer-promo-code"
import type { StoreFollowedBuyer } from "../../types"
import { sqlPage } from "../../utils/sql-page"

export type SetFollowInput = {
  /** The buyer, by handle (the store's routes) or id (a compensation). */
  handle?: string
  buyer_id?: string
  customer_id: string
  /** True to follow, false to unfollow. */
  on: boolean
  /**
   * Refuse (404) a buyer the store does not show (not approved) and a
   * customer following their own profile (400). Off only for a
   * compensation, which must undo its change whatever the buyer became.
   */
  public_only: boolean
}

export type SetFollowResult = {
  buyer_id: string
  customer_id: string
  on: boolean
  /** False when the customer already followed (or did not follow). */
  changed: boolean
  /** The buyer's followers_count after the change. */
  followers_count: number
}

/** Only approved buyers are public (their notes, profile and follows). */
const SHOWN = `b.status = 'approved' AND b.deleted_at IS NULL`

class BuyersModuleService extends MedusaService({
  Buyer,
  BuyerFollow,
  BuyerPromoCode,
}) {
  /**
   * Follows a buyer for a customer (`on`), or unfollows. Idempotent: a
   * repeat changes nothing and says so (`changed: false`).
   *
   * Exact under concurrency, as note reactions are: the buyer row is
   * locked first (`FOR UPDATE`), so every follow of one buyer queues
   * there; the follow row (unique per buyer and customer) and the buyer's
   * counter then change in this one transaction, so the counter always
   * equals the rows. The status check happens under the same lock, so a
   * buyer suspended meanwhile cannot be followed after the suspension
   * committed.
   */
  @InjectTransactionManager()
  async setFollow(
    input: SetFollowInput,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<SetFollowResult> {
    const manager = sharedContext.transactionManager as SqlEntityManager
    const [buyer] = (await manager.execute(
      `SELECT id, status, customer_id FROM buyer
       WHERE ${input.buyer_id ? "id" : "handle"} = ? AND deleted_at IS NULL
       FOR UPDATE`,
      [input.buyer_id ?? (input.handle ?? "").toLowerCase()]
    )) as { id: string; status: string; customer_id: string }[]
    if (!buyer || (input.public_only && buyer.status !== "approved")) {
      throw new MedusaError(
        MedusaError.Types.NOT_FOUND,
        `Buyer with handle: ${input.handle ?? input.buyer_id} was not found`
      )
    }
    if (input.public_only && buyer.customer_id === input.customer_id) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        "handle: this is your own buyer profile; you cannot follow yourself"
      )
    }
    const rows = (await (input.on
      ? manager.execute(
          `INSERT INTO buyer_follow (id, buyer_id, customer_id)
           VALUES (?, ?, ?)
           ON CONFLICT (buyer_id, customer_id) WHERE deleted_at IS NULL
           DO NOTHING RETURNING id`,
          [generateEntityId(undefined, "bfollow"), buyer.id, input.customer_id]
        )
      : manager.execute(
          `DELETE FROM buyer_follow
           WHERE buyer_id = ? AND customer_id = ? AND deleted_at IS NULL
           RETURNING id`,
          [buyer.id, input.customer_id]
        ))) as { id: string }[]
    const changed = rows.length > 0
    const [counted] = (await manager.execute(
      changed
        ? `UPDATE buyer SET followers_count = followers_count + ? WHERE id = ?
           RETURNING followers_count AS count`
        : `SELECT followers_count AS count FROM buyer WHERE id = ?`,
      changed ? [input.on ? 1 : -1, buyer.id] : [buyer.id]
    )) as { count: number }[]
    return {
      buyer_id: buyer.id,
      customer_id: input.customer_id,
      on: input.on,
      changed,
      followers_count: Number(counted.count),
    }
  }

  /** Whether the customer follows the buyer. */
  @InjectManager()
  async isFollowing(
    customerId: string,
    buyerId: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<boolean> {
    const manager = sharedContext.manager as SqlEntityManager
    const rows = (await manager.execute(
      `SELECT 1 FROM buyer_follow
       WHERE buyer_id = ? AND customer_id = ? AND deleted_at IS NULL`,
      [buyerId, customerId]
    )) as unknown[]
    return rows.length > 0
  }

  /**
   * The ids of the buyers the customer follows that the store shows
   * (approved): the `feed=following` filter. One indexed read.
   */
  @InjectManager()
  async listFollowedBuyerIds(
    customerId: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string[]> {
    const manager = sharedContext.manager as SqlEntityManager
    const rows = (await manager.execute(
      `SELECT b.id FROM buyer_follow f JOIN buyer b ON b.id = f.buyer_id
       WHERE f.customer_id = ? AND f.deleted_at IS NULL AND ${SHOWN}`,
      [customerId]
    )) as { id: string }[]
    return rows.map((r) => r.id)
  }

  /**
   * The buyers the customer follows that the store shows, newest follow
   * first, and how many there are. Follows of a buyer suspended later are
   * kept (and show again if the buyer is reinstated).
   */
  @InjectManager()
  async listFollowedBuyers(
    customerId: string,
    page: { limit: number; offset: number },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ buyers: StoreFollowedBuyer[]; count: number }> {
    const { rows, count } = await sqlPage<StoreFollowedBuyer>(
      sharedContext.manager as SqlEntityManager,
      {
        select: `b.id, b.handle, b.display_name, b.bio, b.avatar_url,
          b.followers_count, f.created_at AS followed_at`,
        from: `FROM buyer_follow f JOIN buyer b ON b.id = f.buyer_id
          WHERE f.customer_id = ? AND f.deleted_at IS NULL AND ${SHOWN}`,
        order: "f.created_at DESC, f.id DESC",
        params: [customerId],
      },
      page
    )
    return {
      buyers: rows.map((r) => ({
        ...r,
        followers_count: Number(r.followers_count),
      })),
      count,
    }
  }
}

export default BuyersModuleService
