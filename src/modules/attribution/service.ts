import { createHmac } from "node:crypto"
import {
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
  MedusaError,
  MedusaService,
  generateEntityId,
} from "@medusajs/framework/utils"
import type { Context, Logger } from "@medusajs/framework/types"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import AttributionLine from "./models/attribution-line"
import OrderAttribution from "./models/order-attribution"
import ReferralClick from "./models/referral-click"
import { ClickGuard } from "./utils/click-guard"
import { ClickQueue, QueuedClick } from "./utils/click-queue"
import { AttributionOptions, parseAttributionOptions } from "./utils/options"

export type DroppedReason =
  "head" | "bot" | "duplicate" | "burst" | "not_earning"

/** A click as the redirect hands it over: complete, id minted. */
export type ClickRecord = {
  id: string
  code: string
  note_id: string
  note_product_id: string
  buyer_id: string | null
  product_id: string
  variant_id: string | null
  visitor_id: string
  ip_hash: string
  user_agent: string | null
  referer: string | null
  utm_source: string | null
  utm_medium: string | null
  utm_campaign: string | null
  utm_term: string | null
  utm_content: string | null
  clicked_at: Date
  dropped_reason: DroppedReason | null
}

const CLICK_COLUMNS: (keyof ClickRecord)[] = [
  "id",
  "code",
  "note_id",
  "note_product_id",
  "buyer_id",
  "product_id",
  "variant_id",
  "visitor_id",
  "ip_hash",
  "user_agent",
  "referer",
  "utm_source",
  "utm_medium",
  "utm_campaign",
  "utm_term",
  "utm_content",
  "clicked_at",
  "dropped_reason",
]

// Beyond this many unwritten clicks (the database has been down for a
// while), new clicks are still accepted but an error is logged per flush.
const BUFFER_WARN = 200_000

export type AttributionDecision = {
  order_id: string
  outcome: "attributed" | "none"
  reason: string
  click_id: string | null
  buyer_id: string | null
  note_id: string | null
  basket: "tagged" | "order"
  window_days: number
  lines: {
    order_line_id: string
    product_id: string | null
    variant_id: string | null
    quantity: number
  }[]
}

class AttributionModuleService extends MedusaService({
  ReferralClick,
  OrderAttribution,
  AttributionLine,
}) {
  protected readonly options_: AttributionOptions
  protected readonly logger_: Logger
  protected readonly guard_: ClickGuard
  protected readonly ipKey_: string
  protected buffer_: ClickRecord[] = []
  protected flushing_: Promise<void> | null = null
  protected timer_: NodeJS.Timeout | null = null
  protected readonly queue_: ClickQueue | null = null
  protected lastQueueWarning_ = 0

  __hooks = {
    onApplicationStart: async () => {
      const worker =
        this.options_.click_worker ??
        process.env.MEDUSA_WORKER_MODE !== "server"
      if (this.queue_ && worker) {
        this.startClickWorker()
      }
    },
    onApplicationPrepareShutdown: async () => {
      await this.flushClicks()
    },
    onApplicationShutdown: async () => {
      await this.flushClicks()
      await this.queue_?.close()
    },
  }

  constructor(container: Record<string, unknown>, options?: unknown) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.options_ = parseAttributionOptions(options)
    this.logger_ = container.logger as Logger
    this.guard_ = new ClickGuard({
      dedupeWindowMs: this.options_.click_dedupe_window_seconds * 1000,
      burstLimit: this.options_.click_burst_limit,
      burstWindowMs: this.options_.click_burst_window_seconds * 1000,
    })
    // Without a configured secret the key is per process: hashes still hide
    // IPs and still group bursts, but do not match across restarts.
    this.ipKey_ =
      this.options_.ip_hash_secret ??
      process.env.COOKIE_SECRET ??
      process.env.JWT_SECRET ??
      "notes-ip-hash"
    const redisUrl = this.options_.redis_url ?? process.env.REDIS_URL
    const mode = this.options_.click_queue
    if (mode === "bullmq" || (mode === "auto" && redisUrl)) {
      if (!redisUrl) {
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          "Invalid option 'redis_url' of the shoppable notes plugin: click_queue 'bullmq' needs a Redis URL"
        )
      }
      this.queue_ = new ClickQueue({
        redisUrl,
        name: this.options_.click_queue_name,
        enqueueTimeoutMs: this.options_.click_enqueue_timeout_ms,
        batchSize: this.options_.click_batch_size,
        flushMs: this.options_.click_flush_ms,
      })
    }
  }

  /** `bullmq` when clicks go through Redis, `memory` otherwise. */
  clickSink(): "bullmq" | "memory" {
    return this.queue_ ? "bullmq" : "memory"
  }

  /**
   * Starts this process's click-queue worker (normally started with the
   * application, see `click_worker`). No-op without a queue.
   */
  startClickWorker(
    opts: { stalledIntervalMs?: number; lockDurationMs?: number } = {}
  ): void {
    this.queue_?.startWorker(
      (clicks: QueuedClick[]) =>
        this.recordClicks(
          clicks.map((c) => ({
            ...(c as unknown as ClickRecord),
            clicked_at: new Date(c.clicked_at),
          }))
        ),
      opts
    )
  }

  /** Clicks waiting in the Redis queue (0 without one). */
  async queuedClicks(): Promise<number> {
    return this.queue_ ? this.queue_.backlog() : 0
  }

  getOptions(): AttributionOptions {
    return this.options_
  }

  /** Keyed hash of an IP address: the IP itself is never stored. */
  hashIp(ip: string): string {
    return createHmac("sha256", this.ipKey_)
      .update(ip)
      .digest("hex")
      .slice(0, 32)
  }

  /**
   * Why a click does not count (or null), and the click id to send the
   * visitor on with. HEAD requests and bots first (they never reach the
   * burst and duplicate memory), then bursts per IP, then duplicates: a
   * duplicate is sent on with the id of the click that counted. Buyers who
   * may not earn are decided by the caller.
   */
  classifyClick(input: {
    clickId: string
    method: string
    isBot: boolean
    visitorId: string
    noteId: string
    productId: string
    ipHash: string
    now: number
  }): { reason: DroppedReason | null; ref: string } {
    if (input.method === "HEAD") {
      return { reason: "head", ref: input.clickId }
    }
    if (input.isBot) {
      return { reason: "bot", ref: input.clickId }
    }
    if (this.guard_.isBurst(input.ipHash, input.now)) {
      return { reason: "burst", ref: input.clickId }
    }
    if (this.options_.click_dedupe_window_seconds > 0) {
      const original = this.guard_.duplicateOf(
        `${input.visitorId}|${input.noteId}|${input.productId}`,
        input.now,
        input.clickId
      )
      if (original) {
        return { reason: "duplicate", ref: original }
      }
    }
    return { reason: null, ref: input.clickId }
  }

  /**
   * Accepts a click. With the Redis queue: resolves once Redis holds the job
   * (`queued`); if Redis refuses or is slower than
   * `click_enqueue_timeout_ms`, the click goes to the in-process batch
   * instead (`buffered`), so the redirect never waits long and never loses
   * it. Without a queue: the in-process batch, written by `flushClicks` (at
   * `click_batch_size` clicks, every `click_flush_ms`, and on shutdown).
   */
  async acceptClick(click: ClickRecord): Promise<"queued" | "buffered"> {
    if (this.queue_) {
      try {
        await this.queue_.add(click as unknown as QueuedClick)
        return "queued"
      } catch (e) {
        const now = Date.now()
        if (now - this.lastQueueWarning_ > 10_000) {
          this.lastQueueWarning_ = now
          this.logger_.warn(
            `notes: click queue unavailable, writing clicks directly: ${(e as Error).message}`
          )
        }
      }
    }
    this.bufferClick(click)
    return "buffered"
  }

  protected bufferClick(click: ClickRecord): void {
    this.buffer_.push(click)
    if (this.buffer_.length >= this.options_.click_batch_size) {
      void this.flushClicks()
    } else if (!this.timer_) {
      this.timer_ = setTimeout(() => {
        this.timer_ = null
        void this.flushClicks()
      }, this.options_.click_flush_ms)
      this.timer_.unref?.()
    }
  }

  /**
   * Forgets this process's duplicate and burst memory (tests, or an
   * operator after changing the limits).
   */
  resetClickMemory(): void {
    this.guard_.reset()
  }

  /** Clicks accepted but not yet written. */
  pendingClicks(): number {
    return this.buffer_.length
  }

  /**
   * Writes the buffered clicks in multi-row inserts. A failed batch goes
   * back to the buffer and is retried: an accepted click is written or still
   * waiting, never dropped. Resolves when the buffer was empty at some point
   * after the call (or the database refused the last attempt).
   */
  async flushClicks(): Promise<void> {
    while (this.flushing_) {
      await this.flushing_
    }
    if (this.timer_) {
      clearTimeout(this.timer_)
      this.timer_ = null
    }
    this.flushing_ = (async () => {
      while (this.buffer_.length) {
        const batch = this.buffer_.splice(0, this.options_.click_batch_size)
        try {
          await this.recordClicks(batch)
        } catch (e) {
          this.buffer_.unshift(...batch)
          const level = this.buffer_.length > BUFFER_WARN ? "error" : "warn"
          this.logger_[level](
            `notes: could not write ${batch.length} clicks (${this.buffer_.length} waiting), retrying: ${(e as Error).message}`
          )
          if (!this.timer_) {
            this.timer_ = setTimeout(() => {
              this.timer_ = null
              void this.flushClicks()
            }, 1000)
            this.timer_.unref?.()
          }
          return
        }
      }
    })()
    try {
      await this.flushing_
    } finally {
      this.flushing_ = null
    }
  }

  /**
   * Records an order's attribution decision and its credited lines, once:
   * the decision is unique per order and the lines per order line, and a
   * decision that already exists (a re-delivered or concurrent
   * `order.placed`) is returned untouched with `created: false`.
   */
  @InjectTransactionManager()
  async recordDecision(
    decision: AttributionDecision,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ id: string; created: boolean }> {
    const manager = sharedContext.transactionManager as SqlEntityManager
    const id = generateEntityId(undefined, "oattr")
    const inserted = (await manager.execute(
      `INSERT INTO order_attribution
         (id, order_id, outcome, reason, click_id, buyer_id, note_id, basket, window_days, decided_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, now(), now(), now())
       ON CONFLICT (order_id) WHERE deleted_at IS NULL DO NOTHING
       RETURNING id`,
      [
        id,
        decision.order_id,
        decision.outcome,
        decision.reason,
        decision.click_id,
        decision.buyer_id,
        decision.note_id,
        decision.basket,
        decision.window_days,
      ]
    )) as { id: string }[]
    if (!inserted.length) {
      const [existing] = (await manager.execute(
        `SELECT id FROM order_attribution WHERE order_id = ? AND deleted_at IS NULL`,
        [decision.order_id]
      )) as { id: string }[]
      return { id: existing.id, created: false }
    }
    if (decision.outcome === "attributed" && decision.lines.length) {
      const bindings: unknown[] = []
      for (const l of decision.lines) {
        bindings.push(
          generateEntityId(undefined, "attr"),
          decision.order_id,
          l.order_line_id,
          decision.click_id,
          decision.buyer_id,
          decision.note_id,
          l.product_id,
          l.variant_id,
          l.quantity,
          id
        )
      }
      await manager.execute(
        `INSERT INTO attribution_line
           (id, order_id, order_line_id, click_id, buyer_id, note_id, product_id, variant_id, quantity, order_attribution_id, created_at, updated_at)
         VALUES ${decision.lines.map(() => "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now(), now())").join(", ")}`,
        bindings
      )
    }
    return { id, created: true }
  }

  /**
   * Inserts clicks in one statement; a click already stored (a re-delivered
   * queue job) is skipped by its id. Raw SQL for the multi-row insert with
   * ON CONFLICT, which the generated create method cannot express.
   */
  @InjectManager()
  async recordClicks(
    clicks: ClickRecord[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<number> {
    if (!clicks.length) {
      return 0
    }
    const manager = sharedContext.manager as SqlEntityManager
    const placeholders = `(${CLICK_COLUMNS.map(() => "?").join(", ")}, now(), now())`
    const bindings: unknown[] = []
    for (const c of clicks) {
      for (const col of CLICK_COLUMNS) {
        bindings.push(c[col] ?? null)
      }
    }
    const rows = (await manager.execute(
      `INSERT INTO referral_click (${CLICK_COLUMNS.join(", ")}, created_at, updated_at)
       VALUES ${clicks.map(() => placeholders).join(", ")}
       ON CONFLICT (id) DO NOTHING
       RETURNING id`,
      bindings
    )) as { id: string }[]
    return rows.length
  }
}

export default AttributionModuleService
