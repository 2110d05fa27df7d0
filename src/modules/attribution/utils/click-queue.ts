import { Job, Queue, Worker } from "bullmq"
import IORedis from "ioredis"

/** A click as it travels through Redis (dates become strings). */
export type QueuedClick = Record<string, unknown> & {
  id: string
  clicked_at: string | Date
}

/** Most clicks sent to Redis in one `addBulk`. */
const MAX_BULK = 500

/**
 * A click's job options: keyed by click id (a click enqueued twice is one
 * job), retried with backoff while the database is unreachable, removed
 * once written, kept in Redis when its attempts are exhausted.
 */
export function clickJobOptions(clickId: string) {
  return {
    jobId: clickId,
    attempts: 50,
    backoff: { type: "exponential", delay: 500 },
    removeOnComplete: true,
    removeOnFail: false,
  }
}

/**
 * The BullMQ side of the click sink. The producer uses a connection that
 * fails fast (no offline queue): when Redis is unreachable, `add` rejects at
 * once and the caller writes the click itself. Jobs are keyed by click id,
 * so a click enqueued twice is one job; the worker writes in batches with
 * `ON CONFLICT DO NOTHING`, so a job re-run after a crash writes nothing
 * twice. A job is complete only once its batch is in PostgreSQL: a worker
 * killed mid-batch leaves its jobs active, and BullMQ hands them to the next
 * worker when it notices the stall.
 */
export class ClickQueue {
  private readonly producerConnection: IORedis
  private readonly queue: Queue
  private worker: Worker | null = null
  private workerConnection: IORedis | null = null
  private pending_: {
    click: QueuedClick
    resolve: () => void
    reject: (e: unknown) => void
  }[] = []
  private scheduled_ = false
  private sending_ = 0

  constructor(
    private readonly options: {
      redisUrl: string
      name: string
      enqueueTimeoutMs: number
      batchSize: number
      flushMs: number
    }
  ) {
    this.producerConnection = new IORedis(options.redisUrl, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
      retryStrategy: (times) => Math.min(times * 200, 2000),
    })
    // Errors surface on `add`; without a listener ioredis would log each
    // reconnection attempt as unhandled.
    this.producerConnection.on("error", () => {})
    this.queue = new Queue(options.name, {
      connection: this.producerConnection,
    })
    this.queue.on("error", () => {})
  }

  /**
   * Resolves once Redis has the job; rejects on error or after the timeout.
   * Clicks added in the same turn of the event loop (concurrent requests)
   * go to Redis together, one `addBulk` (one MULTI, one round trip) of at
   * most `MAX_BULK`, so a burst costs one round trip per turn, not one per
   * click; a lone click waits for nothing but the end of the turn.
   */
  add(click: QueuedClick): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending_.push({ click, resolve, reject })
      if (this.pending_.length >= MAX_BULK) {
        void this.sendPending_()
      } else if (!this.scheduled_) {
        this.scheduled_ = true
        setImmediate(() => void this.sendPending_())
      }
    })
  }

  /** Clicks handed to `add` and not yet acknowledged by Redis. */
  unacknowledged(): number {
    return this.pending_.length + this.sending_
  }

  private async sendPending_(): Promise<void> {
    this.scheduled_ = false
    const batch = this.pending_
    this.pending_ = []
    if (!batch.length) {
      return
    }
    this.sending_ += batch.length
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error("click queue: enqueue timed out")),
        this.options.enqueueTimeoutMs
      )
    })
    try {
      await Promise.race([
        this.queue.addBulk(
          batch.map((p) => ({
            name: "click",
            data: p.click,
            opts: clickJobOptions(p.click.id),
          }))
        ),
        timeout,
      ])
      batch.forEach((p) => p.resolve())
    } catch (e) {
      batch.forEach((p) => p.reject(e))
    } finally {
      clearTimeout(timer)
      this.sending_ -= batch.length
    }
  }

  /** Waiting + active + delayed jobs (for tests and health checks). */
  async backlog(): Promise<number> {
    const counts = await this.queue.getJobCounts(
      "waiting",
      "active",
      "delayed",
      "prioritized"
    )
    return Object.values(counts).reduce((a, b) => a + b, 0)
  }

  /**
   * The queue's state for the health route: clicks waiting (waiting,
   * active, delayed for a retry, prioritized), jobs failed for good (their
   * attempts exhausted: they stay in Redis for an operator), and when the
   * oldest waiting click was made (the first job of each state).
   */
  async stats(): Promise<{
    backlog: number
    failed: number
    oldest: Date | null
  }> {
    const states = ["waiting", "active", "delayed", "prioritized"] as const
    const [counts, firsts] = await Promise.all([
      this.queue.getJobCounts(...states, "failed"),
      this.queue.getJobs([...states], 0, 0, true),
    ])
    let oldest: number | null = null
    for (const job of firsts) {
      const at = job
        ? new Date(job.data?.clicked_at ?? job.timestamp).getTime()
        : NaN
      if (Number.isFinite(at) && (oldest === null || at < oldest)) {
        oldest = at
      }
    }
    return {
      backlog: states.reduce((n, s) => n + (counts[s] ?? 0), 0),
      failed: counts.failed ?? 0,
      oldest: oldest === null ? null : new Date(oldest),
    }
  }

  /**
   * Starts a worker that writes clicks with `write` in batches of up to
   * `batchSize`, at least every `flushMs`. `write` stores or dead-letters
   * each click and throws only when nothing could be written (the database
   * is unreachable): then every job of the batch fails and is retried with
   * backoff.
   */
  startWorker(
    write: (clicks: QueuedClick[]) => Promise<unknown>,
    opts: { stalledIntervalMs?: number; lockDurationMs?: number } = {}
  ): void {
    if (this.worker) {
      return
    }
    type Pending = {
      click: QueuedClick
      resolve: () => void
      reject: (e: unknown) => void
    }
    let pending: Pending[] = []
    let timer: NodeJS.Timeout | null = null
    const flush = async () => {
      if (timer) {
        clearTimeout(timer)
        timer = null
      }
      const batch = pending
      pending = []
      if (!batch.length) {
        return
      }
      try {
        await write(batch.map((p) => p.click))
        batch.forEach((p) => p.resolve())
      } catch (e) {
        batch.forEach((p) => p.reject(e))
      }
    }
    this.workerConnection = new IORedis(this.options.redisUrl, {
      maxRetriesPerRequest: null,
    })
    this.workerConnection.on("error", () => {})
    this.worker = new Worker(
      this.options.name,
      (job: Job<QueuedClick>) =>
        new Promise<void>((resolve, reject) => {
          pending.push({ click: job.data, resolve, reject })
          if (pending.length >= this.options.batchSize) {
            void flush()
          } else if (!timer) {
            timer = setTimeout(() => void flush(), this.options.flushMs)
          }
        }),
      {
        connection: this.workerConnection,
        concurrency: this.options.batchSize,
        stalledInterval: opts.stalledIntervalMs ?? 30_000,
        lockDuration: opts.lockDurationMs ?? 30_000,
        maxStalledCount: 1_000,
      }
    )
    this.worker.on("error", () => {})
  }

  /**
   * Stops the worker and the producer. Bounded in time: an unreachable Redis
   * must not hold up the application's shutdown. Jobs a forced close leaves
   * active are taken over by another worker once their lock expires.
   */
  async close(timeoutMs = 3000): Promise<void> {
    const bounded = (p: Promise<unknown> | undefined) =>
      Promise.race([
        (p ?? Promise.resolve()).catch(() => undefined),
        new Promise((r) => setTimeout(r, timeoutMs).unref?.()),
      ])
    await bounded(this.worker?.close(true))
    await bounded(this.queue.close())
    this.workerConnection?.disconnect()
    this.producerConnection.disconnect()
  }
}
