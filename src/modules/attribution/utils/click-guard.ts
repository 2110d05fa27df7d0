/**
 * In-process memory for the redirect's click rules: duplicates of the same
 * visitor, note and product inside a window, and bursts from one IP. Bounded
 * in size; entries expire. One per server process: with several servers, a
 * duplicate or burst spread over them is seen by each separately (the
 * Redis-backed guard, when configured, shares it).
 */
export class ClickGuard {
  private readonly seen = new Map<string, { until: number; clickId: string }>()
  private readonly bursts = new Map<string, { start: number; count: number }>()

  constructor(
    private readonly options: {
      dedupeWindowMs: number
      burstLimit: number
      burstWindowMs: number
      maxEntries?: number
    }
  ) {}

  reset(): void {
    this.seen.clear()
    this.bursts.clear()
  }

  /**
   * The id of the counted click when this visitor already clicked this
   * note's product inside the window (the caller sends the visitor on with
   * that id, so the storefront keeps a click that counts); null otherwise,
   * and `clickId` becomes the counted one.
   */
  duplicateOf(key: string, now: number, clickId: string): string | null {
    const entry = this.seen.get(key)
    if (entry && entry.until > now) {
      return entry.clickId
    }
    this.seen.delete(key)
    this.seen.set(key, { until: now + this.options.dedupeWindowMs, clickId })
    this.trim(this.seen, now, (v) => v.until)
    return null
  }

  /** True when this IP is over the limit in the current window. */
  isBurst(ipHash: string, now: number): boolean {
    const entry = this.bursts.get(ipHash)
    if (!entry || now - entry.start >= this.options.burstWindowMs) {
      this.bursts.set(ipHash, { start: now, count: 1 })
      this.trim(this.bursts, now, (v) => v.start + this.options.burstWindowMs)
      return false
    }
    entry.count++
    return entry.count > this.options.burstLimit
  }

  private trim<V>(map: Map<string, V>, now: number, expiry: (v: V) => number) {
    const max = this.options.maxEntries ?? 200_000
    if (map.size <= max) {
      return
    }
    // Maps iterate in insertion order: drop expired entries first, then the
    // oldest, until back under the bound.
    for (const [k, v] of map) {
      if (map.size <= max * 0.9) {
        break
      }
      if (expiry(v) <= now || map.size > max) {
        map.delete(k)
      }
    }
  }
}
