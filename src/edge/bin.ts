#!/usr/bin/env node
import { EdgeConfigError, edgeConfigFromEnv } from "./config"
import { createEdge } from "./server"

/**
 * `shoppable-notes-edge`: the buy-link redirect as a standalone server
 * (docs/edge.md). Configured by the environment; prints `EDGE READY <port>`
 * once it listens. SIGTERM or SIGINT: stops accepting, drains the clicks it
 * holds (up to EDGE_SHUTDOWN_MS, 10 s), closes its pools and exits (1 when
 * clicks were left unwritten).
 */
async function main() {
  const log = (level: "info" | "warn" | "error", message: string) => {
    const line = `${new Date().toISOString()} ${level} shoppable-notes-edge: ${message}\n`
    if (level === "info") {
      process.stdout.write(line)
    } else {
      process.stderr.write(line)
    }
  }
  let config
  try {
    config = edgeConfigFromEnv(process.env)
  } catch (e) {
    if (e instanceof EdgeConfigError) {
      log("error", `bad configuration: ${e.message}`)
      process.exit(2)
    }
    throw e
  }
  config.warnings.forEach((w) => log("warn", w))
  const edge = createEdge(config, log)
  const port = await edge.listen()
  log(
    "info",
    `listening on ${config.host}:${port}, clicks to ${config.redisUrl ? `Redis queue ${config.options.click_queue_name}` : "PostgreSQL"}`
  )
  process.stdout.write(`EDGE READY ${port}\n`)

  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) {
      return
    }
    stopping = true
    log("info", `${signal}: draining`)
    const { unwritten } = await edge.close(
      Number(process.env.EDGE_SHUTDOWN_MS) || 10_000
    )
    if (unwritten) {
      log("error", `stopped with ${unwritten} clicks unwritten`)
    } else {
      log("info", `stopped, every click handed over`)
    }
    process.stdout.write(`EDGE STOPPED ${unwritten}\n`)
    process.exit(unwritten ? 1 : 0)
  }
  process.on("SIGTERM", () => void stop("SIGTERM"))
  process.on("SIGINT", () => void stop("SIGINT"))
}

void main().catch((e) => {
  process.stderr.write(`shoppable-notes-edge: ${(e as Error).stack}\n`)
  process.exit(1)
})
