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
import ReferralClickFailure from "./models/referral-click-failure"
import type {
  ClickRollupRow,
  ReportInterval,
  RollupRebuildProgress,
} from "../../types/reports"
import * as rollupRead from "./rollup/read"
import * as signalRead from "./rollup/signals"
import { rebuildClickRollups } from "./rollup/rebuild"
import { foldAttributionRollups, foldClickRollups } from "./rollup/fold"
import { bucketStarts } from "../../utils/bucket-starts"
import {
  BuyLinkInvalidation,
  invalidationChannel,
} from "./utils/buy-link-invalidation"
import { ClickGuard } from "./utils/click-guard"
import {
  reasonOf,
  rejectedClicksInsert,
  writeIsolatingRefused,
} from "./utils/click-failures"
import { redirectClick } from "./utils/click-memory"
import { ClickQueue, QueuedClick } from "./utils/click-queue"
import {
  type ClassifyInput,
  type ClickRecord,
  type DroppedReason,
  classifyClick,
  clickBindings,
  clickInsertSql,
  hashIp,
} from "./utils/redirect"
import {
  AttributionOptions,
  parseAttributionOptions,
  resolveIpHashKey,
} from "./utils/options"

export type { ClickRecord, DroppedReason } from "./utils/redirect"

// Retries of a batch while the database is unreachable start here and
// double up to `click_retry_max_ms`.
const RETRY_MIN_MS = 500
// Click ids kept as a sample of an overflow episode.
const OVERFLOW_SAMPLE = 20

export type ClickFailureRow = {
  id: string
  kind: "rejected" | "overflow"
  click_id: string | null
  reason: string
  payload: string
  clicks: number
  attempts: number
  first_seen_at: string
  last_seen_at: string
}

/** `GET /admin/clicks/health`: the click sink's state, seen from this process. */
export type ClickSinkHealth = {
  sink: "bullmq" | "memory"
  /**
   * `failing`: this process cannot write clicks (retrying); `degraded`: it
   * refuses clicks (buffer full), or the queue does not answer, or queue jobs
   * failed for good; `ok` otherwise.
   */
  status: "ok" | "degraded" | "failing"
  checked_at: string
  backlog: {
    /** Clicks in this process's buffer, the batch being written included. */
    buffer: number
    buffer_max: number
    /** Waiting, active and delayed queue jobs (null without a queue or when Redis does not answer). */
    queue: number | null
    /** Queue jobs whose attempts are exhausted (kept in Redis). */
    queue_failed: number | null
    queue_error: string | null
  }
  /** The oldest click still waiting to be written, in the buffer or the queue. */
  oldest_waiting: { clicked_at: string; age_ms: number } | null
  /** The current write failure of this process, if any. */
  incident: {
    since: string
    failed_attempts: number
    last_error: string
  } | null
  /** Clicks this process refused because its buffer was full (since start). */
  refused: { total: number; unrecorded: number }
  /**
   * Dead letters (`referral_click_failure`), of all processes. Counts are
   * null, and `error` says why, when the database does not answer.
   */
  failures: {
    rows: number | null
    clicks: number | null
    last_seen_at: string | null
    recent: ClickFailureRow[]
    error: string | null
  }
}

export type AttributionDecision = {
  order_id: string
  outcome: "attributed" | "none"
  reason: string
  click_id: string | null
  buyer_id: string | null
  note_id: string | null
  basket: "tagged" | "order"
  window_days: number
  /** The shopper (review signals); absent on decisions that predate it. */
  customer_id?: string | null
  /** `hashAddress` of the order's shipping address (review signals). */
  shipping_address_hash?: string | null
  lines: {
    order_line_id: string
    product_id: string | null
    variant_id: string | null
    quantity: number
  }[]
}

class AttributionModuleService extends MedusaService({
  ReferralClick,
  ReferralClickFailure,
  OrderAttribution,
  AttributionLine,
}) {
  protected readonly options_: AttributionOptions
  protected readonly logger_: Logger
  protected readonly guard_: ClickGuard
  protected readonly ipKey_: string
  protected buffer_: ClickRecord[] = []
  // The batch being written: still this process's to keep, so it counts
  // against the bound and holds the oldest waiting click.
  protected inflight_: ClickRecord[] = []
  protected flushing_: Promise<void> | null = null
  protected retryDelayMs_ = 0
  protected incident_: {
    since: number
    attempts: number
    error: string
  } | null = null
  protected refused_ = {
    total: 0,
    unrecorded: 0,
    first_at: 0,
    last_at: 0,
    sample: [] as string[],
  }
  protected timer_: NodeJS.Timeout | null = null
  protected readonly queue_: ClickQueue | null = null
  protected lastQueueWarning_ = 0
  protected readonly invalidation_: BuyLinkInvalidation | null = null
  protected readonly buyLinkListeners_: (() => void)[] = []

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
      this.invalidation_?.close()
      const left = this.pendingClicks()
      if (left || this.refused_.unrecorded) {
        this.logger_.error(
          `notes: shutting down with ${left} clicks unwritten and ${this.refused_.unrecorded} refused clicks unrecorded (the database did not take them)`
        )
      }
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
    const ipKey = resolveIpHashKey(this.options_, process.env)
    this.ipKey_ = ipKey.key
    if (ipKey.warning) {
      this.logger_.warn(ipKey.warning)
    }
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
        memory: {
          dedupeWindowMs: this.options_.click_dedupe_window_seconds * 1000,
          burstLimit: this.options_.click_burst_limit,
          burstWindowMs: this.options_.click_burst_window_seconds * 1000,
        },
      })
      this.invalidation_ = new BuyLinkInvalidation(
        redisUrl,
        invalidationChannel(this.options_.click_queue_name)
      )
    }
  }

  /**
   * Calls `listener` whenever buy links may lead elsewhere (a note, buyer
   * or product changed): announced by `invalidateBuyLinks` in this process,
   * and, with the click queue's Redis, in any process (edges included).
   * Resolves once the Redis subscription is in place.
   */
  async onBuyLinksChanged(listener: () => void): Promise<void> {
    this.buyLinkListeners_.push(listener)
    if (this.invalidation_ && this.buyLinkListeners_.length === 1) {
      await this.invalidation_.listen(() =>
        this.buyLinkListeners_.forEach((l) => l())
      )
    }
  }

  /**
   * Buy links may lead elsewhere: this process's listeners drop their
   * cached codes now, and the change is announced on Redis to every other
   * process (throws when Redis refuses it).
   */
  async invalidateBuyLinks(): Promise<void> {
    this.buyLinkListeners_.forEach((l) => l())
    await this.invalidation_?.publish()
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
    this.queue_?.startWorker(async (clicks: QueuedClick[]) => {
      try {
        await this.writeClicks(
          clicks.map((c) => ({
            ...(c as unknown as ClickRecord),
            clicked_at: new Date(c.clicked_at),
          }))
        )
      } catch (e) {
        // The database is unreachable: BullMQ retries each job with backoff.
        this.sinkFailed_(e)
        throw e
      }
      this.sinkRecovered_()
    }, opts)
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
    return hashIp(this.ipKey_, ip)
  }

  /**
   * A keyed hash of a shipping address, normalised (Unicode NFKC, lower
   * case, punctuation and runs of spaces folded) over its street lines,
   * postal code, city, province and country, without names or phone: the
   * same place typed twice hashes alike, and the address itself is never
   * stored. Keyed like the IP hash (rotating the key breaks matching
   * across the rotation). Null without a street line.
   */
  hashAddress(
    address:
      | {
          address_1?: string | null
          address_2?: string | null
          postal_code?: string | null
          city?: string | null
          province?: string | null
          country_code?: string | null
        }
      | null
      | undefined
  ): string | null {
    const norm = (v: string | null | undefined) =>
      (v ?? "")
        .normalize("NFKC")
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]+/gu, " ")
        .trim()
    if (!address || !norm(address.address_1)) {
      return null
    }
    const parts = [
      address.address_1,
      address.address_2,
      address.postal_code,
      address.city,
      address.province,
      address.country_code,
    ].map(norm)
    return createHmac("sha256", this.ipKey_)
      .update(`address\u0000${parts.join("\u0000")}`)
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
  classifyClick(input: ClassifyInput): {
    reason: DroppedReason | null
    ref: string
  } {
    return classifyClick(
      this.guard_,
      this.options_.click_dedupe_window_seconds,
      input
    )
  }

  /**
   * A buy link's click, planned, classified and accepted (the redirect
   * route): with the Redis queue, by the duplicate and burst memory shared
   * by every process in the same round trip as its job (`redirectClick`);
   * when Redis fails, or without it, by this process's memory, and the
   * click goes to the in-process batch as in `acceptClick`.
   */
  async redirectClick(plan: Parameters<typeof redirectClick>[0]): Promise<{
    click: ClickRecord
    location: string
    outcome: "queued" | "buffered" | "refused"
  }> {
    return redirectClick(plan, {
      queue: this.queue_,
      guard: this.guard_,
      dedupeWindowSeconds: this.options_.click_dedupe_window_seconds,
      keep: (click, error) => {
        if (error) {
          this.queueUnavailable_(error)
        }
        return this.bufferClick(click) ? "buffered" : "refused"
      },
    })
  }

  /** Logs (at most every 10 s) that the click queue refused a click. */
  protected queueUnavailable_(e: unknown): void {
    const now = Date.now()
    if (now - this.lastQueueWarning_ > 10_000) {
      this.lastQueueWarning_ = now
      this.logger_.warn(
        `notes: click queue unavailable, writing clicks directly: ${(e as Error).message}`
      )
    }
  }

  /**
   * Accepts a click. With the Redis queue: resolves once Redis holds the job
   * (`queued`); if Redis refuses or is slower than
   * `click_enqueue_timeout_ms`, the click goes to the in-process batch
   * instead (`buffered`), so the redirect never waits long and never loses
   * it. Without a queue: the in-process batch, written by `flushClicks` (at
   * `click_batch_size` clicks, every `click_flush_ms`, and on shutdown).
   * When this process already holds `click_buffer_max` unwritten clicks the
   * click is refused (`refused`): counted, and recorded with the others of
   * its episode as one `overflow` row once the database takes writes again.
   */
  async acceptClick(
    click: ClickRecord
  ): Promise<"queued" | "buffered" | "refused"> {
    if (this.queue_) {
      try {
        await this.queue_.add(click as unknown as QueuedClick)
        return "queued"
      } catch (e) {
        this.queueUnavailable_(e)
      }
    }
    return this.bufferClick(click) ? "buffered" : "refused"
  }

  protected bufferClick(click: ClickRecord): boolean {
    if (this.pendingClicks() >= this.options_.click_buffer_max) {
      this.refuseClick_(click)
      return false
    }
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
    return true
  }

  /** Counts a refused click; logs when an overflow episode starts. */
  protected refuseClick_(click: ClickRecord): void {
    const r = this.refused_
    const now = Date.now()
    if (!r.unrecorded) {
      r.first_at = now
      r.sample = []
      this.logger_.error(
        `notes: click buffer full (${this.options_.click_buffer_max} clicks unwritten): refusing new clicks until it drains; they are counted and recorded in referral_click_failure`
      )
    }
    r.total++
    r.unrecorded++
    r.last_at = now
    if (r.sample.length < OVERFLOW_SAMPLE) {
      r.sample.push(click.id)
    }
  }

  /**
   * Forgets the duplicate and burst memory (tests, or an operator after
   * changing the limits): this process's, and the memory in Redis shared
   * by every process when the click queue is configured (resolves once
   * Redis has forgotten it).
   */
  async resetClickMemory(): Promise<void> {
    this.guard_.reset()
    await this.queue_?.resetMemory()
  }

  /** Clicks accepted by this process but not yet written. */
  pendingClicks(): number {
    return this.buffer_.length + this.inflight_.length
  }

  /**
   * Writes the buffered clicks in multi-row inserts (`writeClicks`: a click
   * the database refuses is dead-lettered, the rest of its batch written).
   * When the database is unreachable the batch goes back to the buffer and
   * is retried with backoff: an accepted click is written, dead-lettered or
   * still waiting, never dropped. Then the refused clicks of an overflow
   * episode are recorded. Resolves when the buffer was empty at some point
   * after the call (or the database was unreachable on the last attempt).
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
        this.inflight_ = this.buffer_.splice(0, this.options_.click_batch_size)
        try {
          await this.writeClicks(this.inflight_)
        } catch (e) {
          this.buffer_.unshift(...this.inflight_)
          this.inflight_ = []
          this.sinkFailed_(e)
          this.scheduleRetry_()
          return
        }
        this.inflight_ = []
        this.sinkRecovered_()
      }
      if (this.refused_.unrecorded) {
        try {
          await this.recordOverflow_()
        } catch (e) {
          this.sinkFailed_(e)
          this.scheduleRetry_()
        }
      }
    })()
    try {
      await this.flushing_
    } finally {
      this.flushing_ = null
    }
  }

  protected scheduleRetry_(): void {
    this.retryDelayMs_ = Math.min(
      this.options_.click_retry_max_ms,
      Math.max(RETRY_MIN_MS, this.retryDelayMs_ * 2)
    )
    if (!this.timer_) {
      this.timer_ = setTimeout(() => {
        this.timer_ = null
        void this.flushClicks()
      }, this.retryDelayMs_)
      this.timer_.unref?.()
    }
  }

  /**
   * A write failed for want of a database. Logged once, when the incident
   * starts; later attempts only count, and the recovery is logged with the
   * count (`sinkRecovered_`).
   */
  protected sinkFailed_(e: unknown): void {
    const error = reasonOf(e)
    if (this.incident_) {
      this.incident_.attempts++
      this.incident_.error = error
      return
    }
    this.incident_ = { since: Date.now(), attempts: 1, error }
    this.logger_.error(
      `notes: click sink cannot write clicks (${this.pendingClicks()} waiting in this process), retrying with backoff; logged again when it recovers: ${error}`
    )
  }

  protected sinkRecovered_(): void {
    this.retryDelayMs_ = 0
    const incident = this.incident_
    if (!incident) {
      return
    }
    this.incident_ = null
    this.logger_.info(
      `notes: click sink recovered after ${incident.attempts} failed attempts in ${Math.round((Date.now() - incident.since) / 1000)} s (${this.pendingClicks()} clicks waiting in this process)`
    )
  }

  /**
   * Writes a batch of clicks and isolates the ones the database refuses:
   * when the batch fails for a reason of its rows, it is split in halves
   * until the refused clicks stand alone; those are dead-lettered in
   * `referral_click_failure` with the database's reason and all the others
   * are written (k bad rows in n cost about k·log2(n) extra statements).
   * Throws only when the database is unreachable; a re-run writes nothing
   * twice (clicks by id, dead letters by click id).
   */
  async writeClicks(
    clicks: ClickRecord[]
  ): Promise<{ written: number; rejected: number }> {
    const { written, rejected } = await writeIsolatingRefused(clicks, (part) =>
      this.recordClicks(part)
    )
    if (rejected.length) {
      await this.recordClickFailures(rejected)
      this.logger_.warn(
        `notes: ${rejected.length} of ${clicks.length} clicks refused by the database, kept in referral_click_failure (first: ${rejected[0].click.id}: ${rejected[0].reason.slice(0, 200)})`
      )
    }
    return { written, rejected: rejected.length }
  }

  /**
   * Dead-letters clicks the database refused. A click already dead-lettered
   * (a re-run queue job) counts one more attempt. Raw SQL for the upsert on
   * the partial unique index.
   */
  @InjectManager()
  async recordClickFailures(
    failures: { click: ClickRecord; reason: string }[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    if (!failures.length) {
      return
    }
    const manager = sharedContext.manager as SqlEntityManager
    const { sql, bindings } = rejectedClicksInsert(
      failures,
      () => generateEntityId(undefined, "clkfail"),
      () => "?"
    )
    await manager.execute(sql, bindings)
  }

  /** Records the clicks refused while the buffer was full, as one row. */
  protected async recordOverflow_(): Promise<void> {
    const r = this.refused_
    const count = r.unrecorded
    const sample = r.sample.slice()
    const [first, last] = [r.first_at, r.last_at]
    await this.createReferralClickFailures({
      kind: "overflow",
      click_id: null,
      reason: `click buffer full (click_buffer_max ${this.options_.click_buffer_max}): ${count} clicks refused`,
      payload: JSON.stringify({ refused: count, sample_click_ids: sample }),
      clicks: count,
      attempts: 1,
      first_seen_at: new Date(first),
      last_seen_at: new Date(last),
    })
    // Clicks refused while the row was written open the next episode.
    r.unrecorded -= count
    r.sample = r.sample.slice(sample.length)
    if (r.unrecorded) {
      r.first_at = Date.now()
    }
    this.logger_.warn(
      `notes: ${count} clicks were refused while the click buffer was full (${new Date(first).toISOString()} to ${new Date(last).toISOString()}); recorded in referral_click_failure`
    )
  }

  /**
   * The click sink's state (see `ClickSinkHealth`): this process's buffer,
   * incident and refusals, the queue's backlog, and the dead letters.
   */
  async clickSinkHealth(): Promise<ClickSinkHealth> {
    const now = Date.now()
    const first = this.inflight_[0] ?? this.buffer_[0]
    let oldest: number | null = first
      ? new Date(first.clicked_at).getTime()
      : null
    let queue: number | null = null
    let queueFailed: number | null = null
    let queueError: string | null = null
    if (this.queue_) {
      try {
        const stats = await this.queue_.stats()
        queue = stats.backlog
        queueFailed = stats.failed
        if (stats.oldest && (oldest === null || +stats.oldest < oldest)) {
          oldest = +stats.oldest
        }
      } catch (e) {
        queueError = reasonOf(e)
      }
    }
    // The route must answer during an outage too.
    const failures = await this.clickFailureSummary().catch(
      (e): ClickSinkHealth["failures"] => ({
        rows: null,
        clicks: null,
        last_seen_at: null,
        recent: [],
        error: reasonOf(e),
      })
    )
    const status: ClickSinkHealth["status"] = this.incident_
      ? "failing"
      : this.refused_.unrecorded || queueError || queueFailed
        ? "degraded"
        : "ok"
    return {
      sink: this.clickSink(),
      status,
      checked_at: new Date(now).toISOString(),
      backlog: {
        buffer: this.pendingClicks(),
        buffer_max: this.options_.click_buffer_max,
        queue,
        queue_failed: queueFailed,
        queue_error: queueError,
      },
      oldest_waiting:
        oldest === null
          ? null
          : {
              clicked_at: new Date(oldest).toISOString(),
              age_ms: Math.max(0, now - oldest),
            },
      incident: this.incident_
        ? {
            since: new Date(this.incident_.since).toISOString(),
            failed_attempts: this.incident_.attempts,
            last_error: this.incident_.error,
          }
        : null,
      refused: {
        total: this.refused_.total,
        unrecorded: this.refused_.unrecorded,
      },
      failures,
    }
  }

  /**
   * Totals and the latest rows of the dead letters. Raw SQL for the
   * aggregate.
   */
  @InjectManager()
  async clickFailureSummary(
    @MedusaContext() sharedContext: Context = {}
  ): Promise<ClickSinkHealth["failures"]> {
    const manager = sharedContext.manager as SqlEntityManager
    const [totals] = (await manager.execute(
      `SELECT count(*)::int AS rows, coalesce(sum(clicks), 0)::int AS clicks, max(last_seen_at) AS last_seen_at
         FROM referral_click_failure WHERE deleted_at IS NULL`
    )) as { rows: number; clicks: number; last_seen_at: Date | null }[]
    const recent = (await manager.execute(
      `SELECT id, kind, click_id, reason, payload, clicks, attempts, first_seen_at, last_seen_at
         FROM referral_click_failure WHERE deleted_at IS NULL
        ORDER BY last_seen_at DESC, id DESC LIMIT 10`
    )) as (Omit<ClickFailureRow, "first_seen_at" | "last_seen_at"> & {
      first_seen_at: Date
      last_seen_at: Date
    })[]
    return {
      rows: Number(totals?.rows ?? 0),
      clicks: Number(totals?.clicks ?? 0),
      last_seen_at: totals?.last_seen_at
        ? new Date(totals.last_seen_at).toISOString()
        : null,
      recent: recent.map((r) => ({
        ...r,
        clicks: Number(r.clicks),
        attempts: Number(r.attempts),
        first_seen_at: new Date(r.first_seen_at).toISOString(),
        last_seen_at: new Date(r.last_seen_at).toISOString(),
      })),
      error: null,
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
         (id, order_id, outcome, reason, click_id, buyer_id, note_id, basket, window_days,
          customer_id, shipping_address_hash, decided_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now(), now(), now())
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
        decision.customer_id ?? null,
        decision.shipping_address_hash ?? null,
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
          // A line credited by a buyer's promo code has no click or note:
          // empty, so the line and its rollups keep their non-null keys.
          decision.click_id ?? "",
          decision.buyer_id,
          decision.note_id ?? "",
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
    const rows = (await manager.execute(
      clickInsertSql(clicks.length, () => "?"),
      clickBindings(clicks)
    )) as { id: string }[]
    return rows.length
  }

  // Report rollups (docs/reports.md): the SQL lives in ./rollup.

  /**
   * Folds the clicks (and attribution lines) stored since the last fold
   * into their rollups (./rollup/fold.ts); returns how many clicks. Each
   * read of the rollups below does it first, unless its caller folded just
   * before (`folded`: a report folds once for all its reads).
   */
  @InjectManager()
  async foldClickRollups(
    @MedusaContext() sharedContext: Context = {}
  ): Promise<number> {
    return foldClickRollups(sharedContext.manager as SqlEntityManager)
  }

  /**
   * Folds the pending clicks and attribution lines into their rollups
   * (./rollup/fold.ts); returns how many of each (the job).
   */
  @InjectManager()
  async foldAttributionRollups(
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ clicks: number; lines: number }> {
    return foldAttributionRollups(sharedContext.manager as SqlEntityManager)
  }

  @InjectManager()
  async readClickRollup(
    q: rollupRead.ClickRollupQuery,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<ClickRollupRow[]> {
    if (!q.folded) {
      await foldClickRollups(sharedContext.manager as SqlEntityManager)
    }
    return rollupRead.readClickRollup(
      sharedContext.manager as SqlEntityManager,
      q
    )
  }

  /** Every bucket start of [from, to) in `tz` (src/utils/bucket-starts.ts, memoized). */
  @InjectManager()
  async reportBucketStarts(
    from: Date,
    to: Date,
    tz: string,
    interval: ReportInterval,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string[]> {
    const manager = sharedContext.manager as SqlEntityManager
    return bucketStarts(manager, from, to, tz, interval)
  }

  /** `opts.folded`: the caller folded just before (see `RollupQuery.folded`). */
  @InjectManager()
  async firstActivityAt(
    filters: { buyer_id?: string; note_id?: string } = {},
    opts: { folded?: boolean } = {},
    @MedusaContext() sharedContext: Context = {}
  ): Promise<Date | null> {
    if (!opts.folded) {
      await foldClickRollups(sharedContext.manager as SqlEntityManager)
    }
    return rollupRead.firstActivityAt(
      sharedContext.manager as SqlEntityManager,
      filters
    )
  }

  /**
   * Each note's counted clicks and attributed orders, all time, from the
   * report rollups, for the notes with a rollup bucket at or after `since`
   * (all notes with any when `since` is null). Feeds the trending score's
   * click and order inputs (the notes module's `note.clicks_count` /
   * `orders_count`). The bucket range walks the rollups' unique indexes,
   * which lead with the bucket; the totals use their (note_id, bucket)
   * indexes.
   */
  @InjectManager()
  async noteEngagementTotals(
    since: Date | null,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ note_id: string; clicks: number; orders: number }[]> {
    const manager = sharedContext.manager as SqlEntityManager
    await foldClickRollups(manager)
    const from = since ?? new Date(0)
    const rows = (await manager.execute(
      `WITH touched AS (
         SELECT note_id FROM click_rollup WHERE bucket >= ?
         UNION
         SELECT note_id FROM order_note_rollup WHERE bucket >= ?
       )
       SELECT t.note_id,
         coalesce((SELECT sum(c.counted) FROM click_rollup c
                   WHERE c.note_id = t.note_id), 0)::int AS clicks,
         coalesce((SELECT sum(o.orders) FROM order_note_rollup o
                   WHERE o.note_id = t.note_id), 0)::int AS orders
       FROM touched t ORDER BY t.note_id`,
      [from, from]
    )) as { note_id: string; clicks: number; orders: number }[]
    return rows.map((r) => ({
      note_id: r.note_id,
      clicks: Number(r.clicks),
      orders: Number(r.orders),
    }))
  }

  // The program report's review signals (docs/reports.md): ./rollup/signals.

  @InjectManager()
  async readClickSignals(
    range: signalRead.SignalRange & { spike_factor: number },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<signalRead.ClickSignalRow[]> {
    await foldClickRollups(sharedContext.manager as SqlEntityManager)
    return signalRead.readClickSignals(
      sharedContext.manager as SqlEntityManager,
      range
    )
  }

  @InjectManager()
  async readOrderSignals(
    range: signalRead.SignalRange,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<signalRead.OrderSignalRow[]> {
    return signalRead.readOrderSignals(
      sharedContext.manager as SqlEntityManager,
      range
    )
  }

  @InjectManager()
  async readSelfReferrals(
    range: signalRead.SignalRange,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<signalRead.SelfReferralRow[]> {
    return signalRead.readSelfReferrals(
      sharedContext.manager as SqlEntityManager,
      range
    )
  }

  @InjectManager()
  async rebuildClickRollups(
    opts: {
      onProgress?: (p: RollupRebuildProgress) => void | Promise<void>
      batchSize?: number
    } = {},
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ buyers: number; batches: number }> {
    return rebuildClickRollups(sharedContext.manager as SqlEntityManager, opts)
  }
}

export default AttributionModuleService
