import http, { type IncomingMessage, type ServerResponse } from "node:http"
import {
  type RecordableHistogram,
  createHistogram,
  monitorEventLoopDelay,
} from "node:perf_hooks"
import pg from "pg"
import {
  BuyLinkInvalidation,
  invalidationChannel,
} from "../modules/attribution/utils/buy-link-invalidation"
import { ClickGuard } from "../modules/attribution/utils/click-guard"
import { redirectClick } from "../modules/attribution/utils/click-memory"
import { ClickQueue } from "../modules/attribution/utils/click-queue"
import { mintVisitorId } from "../modules/attribution/utils/ids"
import {
  VISITOR_ID,
  hashIp,
  storefrontHome,
  visitorCookie,
} from "../modules/attribution/utils/redirect"
import { BUY_LINK_CODE_PATTERN } from "../modules/notes/utils/buy-link-code"
import { ClickSender } from "./clicks"
import type { EdgeConfig } from "./config"
import { CodeLookup } from "./lookup"

type Log = (level: "info" | "warn" | "error", message: string) => void

// pg binds at most 65535 parameters: 18 per click.
const MAX_DIRECT_BATCH = 3000
const ROUTE = /^\/r\/([^/]*)\/?$/

/**
 * The visitor cookie's value as Express's cookie-parser reads it: the first
 * `name=` pair, surrounding quotes dropped, percent-decoded when it can be.
 */
function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) {
    return null
  }
  for (const part of header.split(";")) {
    const eq = part.indexOf("=")
    if (eq < 0 || part.slice(0, eq).trim() !== name) {
      continue
    }
    let value = part.slice(eq + 1).trim()
    if (value.length > 1 && value.startsWith('"') && value.endsWith('"')) {
      value = value.slice(1, -1)
    }
    if (value.includes("%")) {
      try {
        value = decodeURIComponent(value)
      } catch {
        // kept as sent, as cookie-parser does
      }
    }
    return value
  }
  return null
}

/** The first value of a header that may be repeated or comma-separated. */
function firstOf(value: string | string[] | undefined): string {
  const v = Array.isArray(value) ? value[0] : value
  return (v ?? "").split(",")[0].trim()
}

/**
 * The client address as Medusa sees it (Express with `trust proxy` 1): the
 * last address of X-Forwarded-For when there is one, else the socket's.
 */
function clientIp(req: IncomingMessage): string {
  const xff = req.headers["x-forwarded-for"]
  const list = (Array.isArray(xff) ? xff.join(",") : (xff ?? ""))
    .split(",")
    .map((a) => a.trim())
  const last = list[list.length - 1]
  return last || req.socket.remoteAddress || ""
}

/**
 * A query parameter as Express's (qs) parser hands it to the route: a
 * string when given once, something else (an array, an object) when
 * repeated or written with brackets, which the click then ignores.
 */
function queryOf(search: URLSearchParams): (name: string) => unknown {
  return (name) => {
    const values = search.getAll(name)
    for (const key of search.keys()) {
      if (key.startsWith(`${name}[`)) {
        return [values]
      }
    }
    return values.length === 1 ? values[0] : values.length ? values : undefined
  }
}

/** Per-phase latency histograms (ns), kept only with `EDGE_TIMING=1`. */
type Timing = {
  /** Request handler entered → code resolved (cache or PostgreSQL). */
  lookup: RecordableHistogram
  /** Code resolved → click classified and acknowledged by Redis (or buffered). */
  click: RecordableHistogram
  /** Request handler entered → 302 written. */
  total: RecordableHistogram
  /** Event-loop delay (`monitorEventLoopDelay`, 10 ms resolution). */
  loop: ReturnType<typeof monitorEventLoopDelay>
}

function newTiming(): Timing {
  const loop = monitorEventLoopDelay({ resolution: 10 })
  loop.enable()
  return {
    lookup: createHistogram(),
    click: createHistogram(),
    total: createHistogram(),
    loop,
  }
}

const ms = (ns: number) => Math.round(ns / 1e4) / 100

function timingReport(t: Timing) {
  const out: Record<string, unknown> = {}
  for (const [name, h] of Object.entries(t)) {
    out[name] = {
      count: "count" in h ? h.count : undefined,
      p50: ms(h.percentile(50)),
      p99: ms(h.percentile(99)),
      max: ms(h.max),
    }
    h.reset()
  }
  return out
}

export type Edge = {
  server: http.Server
  lookup: CodeLookup
  sender: ClickSender
  /**
   * Resolves once the server listens (and, with Redis, once the buy-link
   * invalidation channel is subscribed).
   */
  listen(): Promise<number>
  /** Stops accepting, finishes requests, drains clicks, closes pools. */
  close(timeoutMs?: number): Promise<{ unwritten: number }>
}

/**
 * The redirect edge: `GET|HEAD /r/{code}` answered as the Medusa route
 * answers it (the same `planClick`, classification, cookie and click ids),
 * and `GET /health`. No Express, no Medusa container: `node:http`, a pg
 * pool and, with `REDIS_URL`, the plugin's click queue producer.
 */
export function createEdge(config: EdgeConfig, log: Log): Edge {
  const { options } = config
  const home = storefrontHome(options)
  const readPool = new pg.Pool({
    connectionString: config.databaseUrl,
    max: config.poolSize,
    application_name: "shoppable-notes-edge",
  })
  // The lookups only read.
  readPool.on("connect", (client) => {
    client
      .query("SET default_transaction_read_only = on")
      .catch((e: Error) => log("warn", `database: ${e.message}`))
  })
  const writePool = new pg.Pool({
    connectionString: config.databaseUrl,
    max: 2,
    application_name: "shoppable-notes-edge-clicks",
  })
  readPool.on("error", (e) => log("warn", `database: ${e.message}`))
  writePool.on("error", (e) => log("warn", `database: ${e.message}`))
  const lookup = new CodeLookup(readPool, {
    ttlMs: options.code_cache_ttl_seconds * 1000,
    negativeTtlMs: config.negativeTtlMs,
    max: config.codeCacheMax,
  })
  const queue = config.redisUrl
    ? new ClickQueue({
        redisUrl: config.redisUrl,
        name: options.click_queue_name,
        enqueueTimeoutMs: options.click_enqueue_timeout_ms,
        batchSize: options.click_batch_size,
        flushMs: options.click_flush_ms,
        memory: {
          dedupeWindowMs: options.click_dedupe_window_seconds * 1000,
          burstLimit: options.click_burst_limit,
          burstWindowMs: options.click_burst_window_seconds * 1000,
        },
      })
    : null
  // Buy-link changes announced by the plugin (a note hidden, a buyer
  // suspended, a product deleted) drop the cached codes.
  const invalidation = config.redisUrl
    ? new BuyLinkInvalidation(
        config.redisUrl,
        invalidationChannel(options.click_queue_name)
      )
    : null
  const sender = new ClickSender(queue, writePool, {
    batchSize: Math.min(options.click_batch_size, MAX_DIRECT_BATCH),
    flushMs: options.click_flush_ms,
    bufferMax: options.click_buffer_max,
    retryMaxMs: options.click_retry_max_ms,
    log,
  })
  const guard = new ClickGuard({
    dedupeWindowMs: options.click_dedupe_window_seconds * 1000,
    burstLimit: options.click_burst_limit,
    burstWindowMs: options.click_burst_window_seconds * 1000,
  })
  let closing = false
  // Diagnostics for the benchmark (docs/edge.md): per-phase histograms,
  // read and reset by `GET /health?timing`. Off by default.
  const timing = config.timing ? newTiming() : null

  const found = (res: ServerResponse, location: string) => {
    res.statusCode = 302
    res.setHeader("Location", location)
    res.setHeader("Content-Length", "0")
    res.end()
  }

  const health = (res: ServerResponse, withTiming: boolean) => {
    const body = JSON.stringify({
      status: closing ? "closing" : "ok",
      sink: queue ? "bullmq" : "postgres",
      pending: sender.pending(),
      clicks: sender.counts,
      lookups: { queries: lookup.queries, invalidations: lookup.clears },
      ...(timing && withTiming ? { timing: timingReport(timing) } : {}),
    })
    res.statusCode = closing ? 503 : 200
    res.setHeader("Content-Type", "application/json")
    res.setHeader("Cache-Control", "no-store")
    res.end(body)
  }

  const redirect = async (
    req: IncomingMessage,
    res: ServerResponse,
    rawCode: string,
    search: URLSearchParams
  ) => {
    const t0 = timing ? performance.now() : 0
    res.setHeader("Cache-Control", "no-store")
    res.setHeader("Referrer-Policy", "no-referrer-when-downgrade")
    try {
      const code = decodeURIComponent(rawCode)
      if (!BUY_LINK_CODE_PATTERN.test(code)) {
        found(res, home)
        return
      }
      const link = await lookup.resolve(code)
      if (!link) {
        found(res, home)
        return
      }
      const t1 = timing ? performance.now() : 0
      const fromCookie = cookieValue(req.headers.cookie, options.visitor_cookie)
      let visitorId =
        fromCookie && VISITOR_ID.test(fromCookie) ? fromCookie : null
      if (!visitorId) {
        visitorId = mintVisitorId()
        res.setHeader(
          "Set-Cookie",
          visitorCookie(
            options.visitor_cookie,
            visitorId,
            firstOf(req.headers["x-forwarded-proto"]) === "https"
          )
        )
      }
      const { location, outcome } = await redirectClick(
        {
          link,
          code,
          method: req.method ?? "GET",
          headers: req.headers,
          query: queryOf(search),
          visitorId,
          ipHash: hashIp(config.ipHashKey, clientIp(req)),
          now: Date.now(),
          options,
        },
        {
          queue,
          guard,
          dedupeWindowSeconds: options.click_dedupe_window_seconds,
          keep: (click, error) => sender.keep(click, error),
        }
      )
      if (outcome === "queued") {
        sender.counts.queued++
      }
      found(res, location)
      if (timing) {
        const t2 = performance.now()
        timing.lookup.record(Math.max(1, Math.round((t1 - t0) * 1e6)))
        timing.click.record(Math.max(1, Math.round((t2 - t1) * 1e6)))
        timing.total.record(Math.max(1, Math.round((t2 - t0) * 1e6)))
      }
    } catch (e) {
      log("error", `buy link ${rawCode} failed: ${(e as Error).message}`)
      if (!res.headersSent) {
        found(res, home)
      }
    }
  }

  const server = http.createServer((req, res) => {
    const url = req.url ?? "/"
    const q = url.indexOf("?")
    const path = q < 0 ? url : url.slice(0, q)
    const method = req.method ?? "GET"
    if (closing) {
      res.setHeader("Connection", "close")
    }
    const m = ROUTE.exec(path)
    if (m && (method === "GET" || method === "HEAD")) {
      let valid = true
      try {
        decodeURIComponent(m[1])
      } catch {
        valid = false
      }
      if (!valid || !m[1]) {
        // Express refuses a malformed escape in a path parameter with 400
        // and has no route for an empty code (404).
        res.statusCode = valid ? 404 : 400
        res.setHeader("Content-Length", "0")
        res.end()
        return
      }
      void redirect(
        req,
        res,
        m[1],
        new URLSearchParams(q < 0 ? "" : url.slice(q + 1))
      )
      return
    }
    if (path === "/health" && (method === "GET" || method === "HEAD")) {
      health(res, q >= 0 && url.slice(q + 1).startsWith("timing"))
      return
    }
    res.statusCode = 404
    res.setHeader("Content-Type", "application/json")
    res.end(JSON.stringify({ message: `Cannot ${method} ${path}` }))
  })
  server.keepAliveTimeout = 5000

  return {
    server,
    lookup,
    sender,
    async listen() {
      if (invalidation && queue) {
        // Until subscribed, changes are missed, and until the queue's
        // connection is ready every click falls back to a direct write:
        // wait for both (bounded: Redis down, the edge serves anyway).
        await Promise.race([
          Promise.all([
            invalidation.listen(() => lookup.clear()),
            queue.ready(),
          ]).catch((e: Error) => log("warn", `redis: ${e.message}`)),
          new Promise((r) => setTimeout(r, 5000).unref()),
        ])
      }
      return new Promise<number>((resolve, reject) => {
        server.once("error", reject)
        server.listen(config.port, config.host, () => {
          server.off("error", reject)
          const address = server.address()
          resolve(typeof address === "object" && address ? address.port : 0)
        })
      })
    },
    async close(timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs
      closing = true
      // Stop accepting; idle keep-alive connections are closed now, busy
      // ones once their response is sent (Connection: close).
      const stopped = new Promise<void>((resolve) =>
        server.close(() => resolve())
      )
      server.closeIdleConnections()
      await Promise.race([
        stopped,
        new Promise((r) =>
          setTimeout(r, Math.max(0, deadline - Date.now())).unref()
        ),
      ])
      server.closeAllConnections()
      const unwritten = await sender.drain(deadline)
      await queue?.close(Math.max(100, deadline - Date.now()))
      invalidation?.close()
      await Promise.all([readPool.end(), writePool.end()])
      return { unwritten }
    },
  }
}
