import type { Pool } from "pg"
import type { ClickQueue } from "../modules/attribution/utils/click-queue"
import {
  rejectedClicksInsert,
  writeIsolatingRefused,
} from "../modules/attribution/utils/click-failures"
import { mintClickId } from "../modules/attribution/utils/ids"
import {
  type ClickRecord,
  clickBindings,
  clickInsertSql,
} from "../modules/attribution/utils/redirect"

type Log = (level: "info" | "warn" | "error", message: string) => void

const RETRY_MIN_MS = 500

/**
 * Where the edge's clicks go. With Redis: the plugin's BullMQ click queue
 * (the same queue name, job id and job options as the Medusa route, so the
 * plugin's worker drains both alike), added by `redirectClick` with the
 * shared duplicate and burst memory (clicks of concurrent requests share
 * one round trip: `ClickQueue`). When Redis refuses or is slower than
 * `click_enqueue_timeout_ms`, and without Redis at all, the click is given
 * to `keep` and written to PostgreSQL directly by this process, in batches (`click_batch_size`, every `click_flush_ms`),
 * with the sink's `ON CONFLICT (id) DO NOTHING`: a click that also reached
 * the queue is stored once. While PostgreSQL is unreachable the batch is
 * kept and retried with backoff; at `click_buffer_max` unwritten clicks new
 * ones are refused (counted in `/health`).
 */
export class ClickSender {
  private buffer: ClickRecord[] = []
  private inflight = 0
  private timer: NodeJS.Timeout | null = null
  private flushing: Promise<void> | null = null
  private retryMs = 0
  private lastQueueWarning = 0
  readonly counts = {
    queued: 0,
    written: 0,
    refused: 0,
    rejected: 0,
    fallback: 0,
  }

  constructor(
    private readonly queue: ClickQueue | null,
    private readonly pool: Pool,
    private readonly opts: {
      batchSize: number
      flushMs: number
      bufferMax: number
      retryMaxMs: number
      log: Log
    }
  ) {}

  /**
   * A click the queue did not take (`queueError`: why), or every click
   * without a queue: buffered for a direct write, or refused when this
   * process already holds `click_buffer_max` unwritten clicks.
   */
  keep(click: ClickRecord, queueError: unknown): "buffered" | "refused" {
    if (queueError) {
      this.counts.fallback++
      const now = Date.now()
      if (now - this.lastQueueWarning > 10_000) {
        this.lastQueueWarning = now
        this.opts.log(
          "warn",
          `click queue unavailable, writing clicks to PostgreSQL directly: ${(queueError as Error).message}`
        )
      }
    }
    if (this.pending() >= this.opts.bufferMax) {
      this.counts.refused++
      return "refused"
    }
    this.buffer.push(click)
    if (this.buffer.length >= this.opts.batchSize) {
      void this.flush()
    } else if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null
        void this.flush()
      }, this.opts.flushMs)
    }
    return "buffered"
  }

  /** Clicks this process holds unwritten (waiting for Redis or PostgreSQL). */
  pending(): number {
    return (
      this.buffer.length + this.inflight + (this.queue?.unacknowledged() ?? 0)
    )
  }

  /**
   * Writes what is buffered. Resolves when the buffer was empty at some
   * point after the call, or the database was unreachable on the last try
   * (a retry is then scheduled).
   */
  async flush(): Promise<void> {
    while (this.flushing) {
      await this.flushing
    }
    if (this.timer) {
      clearTimeout(this.timer)
      this.timer = null
    }
    this.flushing = (async () => {
      while (this.buffer.length) {
        const batch = this.buffer.splice(0, this.opts.batchSize)
        this.inflight = batch.length
        try {
          await this.write(batch)
          this.retryMs = 0
        } catch (e) {
          this.buffer.unshift(...batch)
          this.retryMs = Math.min(
            this.opts.retryMaxMs,
            Math.max(RETRY_MIN_MS, this.retryMs * 2)
          )
          this.opts.log(
            "error",
            `cannot write ${this.buffer.length} clicks to PostgreSQL, retrying in ${this.retryMs} ms: ${(e as Error).message}`
          )
          if (!this.timer) {
            this.timer = setTimeout(() => {
              this.timer = null
              void this.flush()
            }, this.retryMs)
          }
          return
        } finally {
          this.inflight = 0
        }
      }
    })()
    try {
      await this.flushing
    } finally {
      this.flushing = null
    }
  }

  /**
   * Drains for shutdown: waits for Redis to acknowledge what it was sent
   * (or refuse it, which buffers it), then writes the buffer, retrying
   * until `deadline`. Returns the clicks left unwritten.
   */
  async drain(deadline: number): Promise<number> {
    while (Date.now() < deadline) {
      await this.flush()
      if (!this.pending()) {
        return 0
      }
      await new Promise((r) =>
        setTimeout(r, Math.min(100, Math.max(1, this.retryMs)))
      )
    }
    return this.pending()
  }

  /**
   * Multi-row inserts; a batch the database refuses for a reason of its
   * rows is split in halves until the refused clicks stand alone, and
   * those are dead-lettered in `referral_click_failure` as the plugin's
   * sink does (counted in `rejected`). Throws only when the database is
   * unreachable (the whole batch is then retried: stored clicks by id and
   * dead letters by click id are written once).
   */
  private async write(clicks: ClickRecord[]): Promise<void> {
    const { written, rejected } = await writeIsolatingRefused(
      clicks,
      async (part) =>
        (
          await this.pool.query(
            clickInsertSql(part.length, (i) => `$${i}`),
            clickBindings(part)
          )
        ).rowCount ?? 0
    )
    this.counts.written += written
    if (!rejected.length) {
      return
    }
    const { sql, bindings } = rejectedClicksInsert(
      rejected,
      () => mintClickId().replace(/^click_/, "clkfail_"),
      (i) => `$${i}`
    )
    await this.pool.query(sql, bindings)
    this.counts.rejected += rejected.length
    this.opts.log(
      "warn",
      `${rejected.length} of ${clicks.length} clicks refused by the database, kept in referral_click_failure (first: ${rejected[0].click.id}: ${rejected[0].reason.slice(0, 200)})`
    )
  }
}
