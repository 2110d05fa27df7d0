import { Job, Queue, Worker } from "bullmq"
import IORedis from "ioredis"
import {
  CLICK_MEMORY_LUA,
  type MemoryCheck,
  type MemoryRules,
  type MemoryVerdict,
  memoryPrefix,
  verdictOf,
} from "./click-memory"

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
  /**
   * The connection the click MULTIs go on: it defines only the two scripts
   * they run (BullMQ's `addStandardJob`, copied from the producer once
   * BullMQ has loaded it, and the memory's script). ioredis copies every
   * script of a connection into each MULTI it starts, and BullMQ defines
   * about 50 on the producer: on the producer, each turn's MULTI built and
   * kept that much until Redis answered, the largest share of what the
   * edge's young-generation GC had to copy (bench/RESULTS.md).
   */
  private readonly clickConnection: IORedis
  private readonly queue: Queue
  private worker: Worker | null = null
  private workerConnection: IORedis | null = null
  private pending_: {
    click: QueuedClick
    check: MemoryCheck | null
    resolve: (verdict: MemoryVerdict) => void
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
      /** The click rules, for the duplicate and burst memory shared in Redis. */
      memory?: MemoryRules
    }
  ) {
    this.producerConnection = new IORedis(options.redisUrl, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
      retryStrategy: (times) => Math.min(times * 200, 2000),
    })
    this.clickConnection = new IORedis(options.redisUrl, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
      retryStrategy: (times) => Math.min(times * 200, 2000),
    })
    for (const c of [this.producerConnection, this.clickConnection]) {
      c.defineCommand("notesClickMemory", {
        numberOfKeys: 0,
        lua: CLICK_MEMORY_LUA,
      })
    }
    // Errors surface on `add`; without a listener ioredis would log each
    // reconnection attempt as unhandled.
    this.producerConnection.on("error", () => {})
    this.clickConnection.on("error", () => {})
    this.queue = new Queue(options.name, {
      connection: this.producerConnection,
    })
    this.queue.on("error", () => {})
  }

  /**
   * Resolves once Redis has the job; rejects on error or after the timeout.
   * Clicks added in the same turn of the event loop (concurrent requests)
   * go to Redis together, one round trip of at most `MAX_BULK`, so a burst
   * costs one round trip per turn, not one per click; a lone click waits
   * for nothing but the end of the turn. A click with a `check` (and a
   * queue with `memory` rules) is also classified by the shared duplicate
   * and burst memory in that round trip: the jobs and the memory's script
   * go in one MULTI, the script sets the dropped clicks' reason in their
   * jobs, and the verdict is what `add` resolves with.
   */
  add(
    click: QueuedClick | object,
    check: MemoryCheck | null = null
  ): Promise<MemoryVerdict> {
    return new Promise<MemoryVerdict>((resolve, reject) => {
      this.pending_.push({
        click: click as QueuedClick,
        check,
        resolve,
        reject,
      })
      if (this.pending_.length >= MAX_BULK) {
        void this.sendPending_()
      } else if (!this.scheduled_) {
        this.scheduled_ = true
        setImmediate(() => void this.sendPending_())
      }
    })
  }

  /** Resolves once the producer's connection (BullMQ's own wait) and the clicks' are ready. */
  async ready(): Promise<void> {
    await this.queue.client
    const c = this.clickConnection
    if (c.status !== "ready") {
      await new Promise<void>((resolve, reject) => {
        const onReady = () => {
          c.off("end", onEnd)
          resolve()
        }
        const onEnd = () => {
          c.off("ready", onReady)
          reject(new Error("click queue: connection closed"))
        }
        c.once("ready", onReady)
        c.once("end", onEnd)
      })
    }
  }

  /**
   * A MULTI on the clicks' connection, with BullMQ's `addStandardJob`
   * defined on it from the producer's (where BullMQ loaded it: the same
   * script as BullMQ's own `add`). Falls back to a MULTI on the producer
   * if that BullMQ has no such script.
   */
  private multi_(producer: IORedis): ReturnType<IORedis["multi"]> {
    const c = this.clickConnection as IORedis & Record<string, unknown>
    if (!c.addStandardJob) {
      const script = (
        producer as unknown as {
          scriptsSet?: Record<string, { lua: string; numberOfKeys: number }>
        }
      ).scriptsSet?.addStandardJob
      if (!script) {
        return producer.multi()
      }
      c.defineCommand("addStandardJob", {
        numberOfKeys: script.numberOfKeys,
        lua: script.lua,
      })
    }
    return c.multi()
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
      const verdicts = await Promise.race([this.send_(batch), timeout])
      batch.forEach((p, i) => p.resolve(verdicts[i]))
    } catch (e) {
      batch.forEach((p) => p.reject(e))
    } finally {
      clearTimeout(timer)
      this.sending_ -= batch.length
    }
  }

  /**
   * One round trip for a batch: `addBulk` when no click needs the shared
   * memory, else one MULTI with every job and then the memory's script
   * (atomic: no worker reads a job before the script has classified it).
   */
  private async send_(
    batch: { click: QueuedClick; check: MemoryCheck | null }[]
  ): Promise<MemoryVerdict[]> {
    const memory = this.options.memory
    const checked = memory ? batch.filter((p) => p.check) : []
    const counts: MemoryVerdict = { reason: null, ref: null }
    if (!memory || !checked.length) {
      await this.queue.addBulk(
        batch.map((p) => ({
          name: "click",
          data: p.click,
          opts: clickJobOptions(p.click.id),
        }))
      )
      return batch.map(() => counts)
    }
    const client = await this.queue.client
    // BullMQ's client is this queue's producer connection (an IORedis).
    const multi = this.multi_(client as IORedis)
    for (const p of batch) {
      const job = new Job(
        this.queue,
        "click",
        p.click,
        clickJobOptions(p.click.id),
        p.click.id
      )
      void job.addJob(multi as unknown as typeof client).catch(() => undefined)
    }
    const args: (string | number)[] = [
      memory.dedupeWindowMs,
      memory.burstLimit,
      memory.burstWindowMs,
      memoryPrefix(this.options.name),
      this.queue.toKey(""),
    ]
    for (const p of checked) {
      args.push(p.check!.ipHash, p.check!.dedupeKey ?? "", p.click.id)
    }
    ;(
      multi as unknown as {
        notesClickMemory(...a: (string | number)[]): unknown
      }
    ).notesClickMemory(...args)
    const results = (await multi.exec()) ?? []
    if (results.length !== batch.length + 1) {
      throw new Error("click queue: the MULTI was discarded")
    }
    for (const [err] of results) {
      if (err) {
        throw err
      }
    }
    const answers = results[batch.length][1] as string[]
    const byId = new Map<string, MemoryVerdict>()
    checked.forEach((p, i) => byId.set(p.click.id, verdictOf(answers[i])))
    return batch.map((p) => byId.get(p.click.id) ?? counts)
  }

  /**
   * Forgets the shared duplicate and burst memory of this queue (tests, or
   * an operator after changing the limits): every process sees it at once.
   */
  async resetMemory(): Promise<void> {
    const prefix = memoryPrefix(this.options.name)
    // Once connected (the producer has no offline queue): after a Redis
    // restart, wait (up to 10 s) for the reconnection.
    const client = await this.queue.client
    if (client.status !== "ready") {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 10_000)
        client.once("ready", () => {
          clearTimeout(timer)
          resolve()
        })
      })
    }
    let cursor = "0"
    do {
      const [next, keys] = await client.scan(
        cursor,
        "MATCH",
        `${prefix}*`,
        "COUNT",
        1000
      )
      cursor = next
      if (keys.length) {
        await client.del(...keys)
      }
    } while (cursor !== "0")
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
    this.clickConnection.disconnect()
  }
}
