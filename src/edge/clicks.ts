import type { Pool } from "pg"
import type { ClickQueue } from "../modules/attribution/utils/click-queue"
import type { QueuedClick } from "../modules/attribution/utils/click-queue"
import { classifyWriteFailure } from "../modules/attribution/utils/db-errors"
import {
  type ClickRecord,
  clickBindings,
  clickInsertSql,
} from "../modules/attribution/utils/redirect"

export type SendOutcome = "queued" | "buffered" | "refused"

type Log = (level: "info" | "warn" | "error", message: string) => void

const RETRY_MIN_MS = 500

/**
 * Where the edge's clicks go. With Redis: the plugin's BullMQ click queue
 * (the same queue name, job id and job options as the Medusa route, so the
 * plugin's worker drains both alike); `send` resolves once Redis has the
 * click (clicks of concurrent requests share one round trip: `ClickQueue`).
 * When Redis refuses or is slower than `click_enqueue_timeout_ms`, and
 * without Redis at all, the click is written to PostgreSQL directly by
 * this process, in batches (`click_batch_size`, every `click_flush_ms`),
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

  async send(click: ClickRecord): Promise<SendOutcome> {
    if (this.queue) {
      try {
        await this.queue.add(click as unknown as QueuedClick)
        this.counts.queued++
        return "queued"
      } catch (e) {
        this.counts.fallback++
        const now = Date.now()
        if (now - this.lastQueueWarning > 10_000) {
          this.lastQueueWarning = now
          this.opts.log(
            "warn",
            `click queue unavailable, writing clicks to PostgreSQL directly: ${(e as Error).message}`
          )
        }
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
   * One multi-row insert; a batch the database refuses for a reason of its
   * rows is split in halves until the refused clicks stand alone, and
   * those are logged and counted (`rejected`). Throws only when the
   * database is unreachable.
   */
  private async write(clicks: ClickRecord[]): Promise<void> {
    try {
      const { rowCount } = await this.pool.query(
        clickInsertSql(clicks.length, (i) => `$${i}`),
        clickBindings(clicks)
      )
      this.counts.written += rowCount ?? 0
    } catch (e) {
      if (classifyWriteFailure(e) === "outage") {
        throw e
      }
      if (clicks.length === 1) {
        this.counts.rejected++
        this.opts.log(
          "error",
          `click refused by the database, not stored: ${(e as Error).message}: ${JSON.stringify(clicks[0])}`
        )
        return
      }
      const half = Math.ceil(clicks.length / 2)
      await this.write(clicks.slice(0, half))
      await this.write(clicks.slice(half))
    }
  }
}
