import IORedis from "ioredis"

/** The Redis channel on which buy-link changes are announced (docs/edge.md). */
export function invalidationChannel(queueName: string): string {
  return `${queueName}:buy-links`
}

/**
 * Cross-process invalidation of the buy-link caches: a note hidden, a buyer
 * suspended or a product deleted is announced on a Redis channel, and every
 * process subscribed (Medusa servers and workers, edges) drops its cached
 * codes at once. Messages are not stored: a process that was disconnected
 * drops everything when its subscription is back (it may have missed one),
 * so staleness is bounded by the reconnection, else by the cache's TTL.
 */
export class BuyLinkInvalidation {
  private subscriber: IORedis | null = null
  private publisher: IORedis | null = null
  private readonly listeners: (() => void)[] = []
  private subscribed: Promise<void> | null = null

  constructor(
    private readonly redisUrl: string,
    private readonly channel: string
  ) {}

  /**
   * Calls `listener` on every announcement (this process's too) and when
   * the subscription comes back after a disconnection. Resolves once the
   * subscription is in place (or rejects if Redis cannot be reached; it
   * keeps retrying in the background).
   */
  listen(listener: () => void): Promise<void> {
    this.listeners.push(listener)
    if (!this.subscribed) {
      const sub = new IORedis(this.redisUrl, {
        maxRetriesPerRequest: null,
        retryStrategy: (times) => Math.min(times * 200, 2000),
      })
      this.subscriber = sub
      sub.on("error", () => {})
      let ready = 0
      sub.on("ready", () => {
        if (ready++ > 0) {
          this.fire()
        }
      })
      sub.on("message", (channel: string) => {
        if (channel === this.channel) {
          this.fire()
        }
      })
      this.subscribed = sub.subscribe(this.channel).then(() => undefined)
      this.subscribed.catch(() => undefined)
    }
    return this.subscribed
  }

  /** Announces a change to every process (this one included). */
  async publish(): Promise<void> {
    if (!this.publisher) {
      // Commands wait for the connection (the offline queue), and fail
      // after one reconnection attempt when Redis is down.
      this.publisher = new IORedis(this.redisUrl, {
        maxRetriesPerRequest: 1,
        connectTimeout: 2000,
        retryStrategy: (times) => Math.min(times * 200, 2000),
      })
      this.publisher.on("error", () => {})
    }
    await this.publisher.publish(this.channel, "*")
  }

  close(): void {
    this.subscriber?.disconnect()
    this.publisher?.disconnect()
    this.subscriber = null
    this.publisher = null
    this.subscribed = null
  }

  private fire(): void {
    for (const l of this.listeners) {
      l()
    }
  }
}
