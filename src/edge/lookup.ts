import type { Pool } from "pg"
import {
  type BuyLinkRow,
  type ResolvedBuyLink,
  buyLinkOf,
} from "../modules/attribution/utils/redirect"

/**
 * What the Medusa route's query graph reads (src/utils/buy-link-resolver),
 * in one read-only statement: the tagged product, its note and the note's
 * author (the read-only link note.buyer_id → buyer), and the product. Soft-
 * deleted rows lead nowhere, as the query graph leaves them out.
 */
const SQL = `SELECT np.id, np.code, np.note_id, np.product_id, np.variant_id,
       n.status AS note_status, n.buyer_id, b.status AS buyer_status,
       p.handle, p.status AS product_status
  FROM note_product np
  LEFT JOIN note n ON n.id = np.note_id AND n.deleted_at IS NULL
  LEFT JOIN buyer b ON b.id = n.buyer_id AND b.deleted_at IS NULL
  LEFT JOIN product p ON p.id = np.product_id AND p.deleted_at IS NULL
 WHERE np.code = $1 AND np.deleted_at IS NULL
 LIMIT 1`

type Entry = { value: ResolvedBuyLink | null; expires: number }

/**
 * Buy-link codes for the edge: an in-process LRU with a short TTL in front
 * of PostgreSQL. Unknown codes are cached too (`negativeTtlMs`), so a flood
 * of random codes costs one query per code per TTL, and concurrent misses
 * of one code share one query. `clear` (a buy-link change announced on
 * Redis: docs/edge.md) drops every entry; a query that started before it
 * answers its request but is not cached. Without the announcement,
 * staleness is bounded by the TTL.
 */
export class CodeLookup {
  private readonly cache = new Map<string, Entry>()
  private readonly loading = new Map<string, Promise<ResolvedBuyLink | null>>()
  private generation = 0
  queries = 0
  clears = 0

  constructor(
    private readonly pool: Pool,
    private readonly opts: { ttlMs: number; negativeTtlMs: number; max: number }
  ) {}

  async resolve(
    code: string,
    now = Date.now()
  ): Promise<ResolvedBuyLink | null> {
    const hit = this.cache.get(code)
    if (hit) {
      if (hit.expires > now) {
        // Most recently used last: Map keeps insertion order.
        this.cache.delete(code)
        this.cache.set(code, hit)
        return hit.value
      }
      this.cache.delete(code)
    }
    let load = this.loading.get(code)
    if (!load) {
      const started: Promise<ResolvedBuyLink | null> = this.load(code).finally(
        () => {
          if (this.loading.get(code) === started) {
            this.loading.delete(code)
          }
        }
      )
      load = started
      this.loading.set(code, load)
    }
    const generation = this.generation
    const value = await load
    const ttl = value ? this.opts.ttlMs : this.opts.negativeTtlMs
    if (ttl > 0 && generation === this.generation) {
      if (this.cache.size >= this.opts.max) {
        const oldest = this.cache.keys().next().value
        if (oldest !== undefined) {
          this.cache.delete(oldest)
        }
      }
      this.cache.set(code, { value, expires: now + ttl })
    }
    return value
  }

  clear(): void {
    this.cache.clear()
    this.loading.clear()
    this.generation++
    this.clears++
  }

  private async load(code: string): Promise<ResolvedBuyLink | null> {
    this.queries++
    const { rows } = await this.pool.query<BuyLinkRow>(SQL, [code])
    return buyLinkOf(rows[0])
  }
}
