import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ATTRIBUTION_MODULE } from "../modules/attribution"
import type AttributionModuleService from "../modules/attribution/service"
import {
  type ResolvedBuyLink,
  buyLinkOf,
} from "../modules/attribution/utils/redirect"

export type { ResolvedBuyLink } from "../modules/attribution/utils/redirect"

type Entry = { value: ResolvedBuyLink | null; expires: number }

const MAX_ENTRIES = 50_000

/**
 * Resolves buy-link codes for the redirect, with a per-process cache so the
 * redirect does not query PostgreSQL on every click. Misses are cached too
 * (a flood of random codes costs one query per code per TTL). The cache is
 * cleared whenever a note, buyer or product changes, in any process: the
 * subscriber `invalidate-buy-links` announces it through the attribution
 * module (on the click queue's Redis channel when there is one), which the
 * resolver listens to from its first lookup; the TTL bounds staleness only
 * when that announcement is lost.
 */
export class BuyLinkResolver {
  private readonly cache = new Map<string, Entry>()
  // Bumped by `clear`: a lookup that started before does not cache its
  // answer (it may predate the change).
  private generation = 0
  private listening = false

  clear(): void {
    this.cache.clear()
    this.generation++
  }

  async resolve(
    scope: MedusaContainer,
    code: string,
    ttlMs: number,
    now = Date.now()
  ): Promise<ResolvedBuyLink | null> {
    const hit = this.cache.get(code)
    if (hit && hit.expires > now) {
      return hit.value
    }
    if (!this.listening) {
      this.listening = true
      void scope
        .resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
        .onBuyLinksChanged(() => this.clear())
        .catch(() => undefined)
    }
    const generation = this.generation
    const value = await this.load(scope, code)
    if (ttlMs > 0 && generation === this.generation) {
      if (this.cache.size >= MAX_ENTRIES) {
        // Oldest first (insertion order).
        const oldest = this.cache.keys().next().value
        if (oldest !== undefined) {
          this.cache.delete(oldest)
        }
      }
      this.cache.set(code, { value, expires: now + ttlMs })
    }
    return value
  }

  private async load(
    scope: MedusaContainer,
    code: string
  ): Promise<ResolvedBuyLink | null> {
    const query = scope.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "note_product",
      fields: [
        "id",
        "code",
        "note_id",
        "product_id",
        "variant_id",
        "note.status",
        "note.buyer_id",
        // The author's status, through the note → buyer link, in the same graph.
        "note.buyer.status",
        "product.handle",
        "product.status",
      ],
      filters: { code },
    })
    const row = data[0] as
      | {
          id: string
          code: string
          note_id: string
          product_id: string
          variant_id: string | null
          note?: {
            status: string
            buyer_id: string | null
            buyer?: { status: string } | null
          } | null
          product?: { handle: string; status: string } | null
        }
      | undefined
    return buyLinkOf(
      row && {
        id: row.id,
        code: row.code,
        note_id: row.note_id,
        product_id: row.product_id,
        variant_id: row.variant_id,
        note_status: row.note?.status ?? null,
        buyer_id: row.note?.buyer_id ?? null,
        buyer_status: row.note?.buyer?.status ?? null,
        handle: row.product?.handle ?? null,
        product_status: row.product?.status ?? null,
      }
    )
  }
}

/** The process's resolver (the redirect route and the invalidating subscriber share it). */
export const buyLinkResolver = new BuyLinkResolver()
