#!/usr/bin/env node
// Accrual benchmark: 10,000 orders (two attributed lines each) go from
// `order.placed` through attribution to commission entries, on a real
// server with the Redis event bus. Reports lines/s (burst of all orders at
// once) and event → entry latency p50/p95/p99 (orders paced at a fixed
// rate), beside the baseline measured from the same events: event →
// attribution decision, the step before accrual.
// Usage: npm run bench:accrual
// Env: BENCH_DATABASE_URL (postgres://postgres@localhost:5432/notes_bench_accrual),
//      BENCH_REDIS_URL (redis://127.0.0.1:6379/5), BENCH_ORDERS (10000),
//      BENCH_PACED (1000 orders), BENCH_RATE (20/s), BENCH_CONCURRENCY (event
//      bus worker concurrency, 4), BENCH_PORT (9300), BENCH_RESEED=1 (rebuild).
import { spawn } from "node:child_process"
import { readFileSync } from "node:fs"
import path from "node:path"
import { fileURLToPath } from "node:url"
import Redis from "ioredis"
import pg from "pg"
import { ensureDatabase, waitForHealth } from "../lib.mjs"

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..")
const url =
  process.env.BENCH_DATABASE_URL ??
  "postgres://postgres@localhost:5432/notes_bench_accrual"
const redisUrl = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379/5"
const ORDERS = Number(process.env.BENCH_ORDERS ?? 10_000)
const PACED = Number(process.env.BENCH_PACED ?? 1000)
const RATE = Number(process.env.BENCH_RATE ?? 20)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4)
const PORT = Number(process.env.BENCH_PORT ?? 9300)
const medusa = path.join(root, "node_modules", ".bin", "medusa")
const emitFile = path.join(root, ".demo-data", "accrual-emit.json")
const log = (m) => console.error(`[bench] ${m}`)

const env = {
  ...process.env,
  DATABASE_URL: url,
  REDIS_URL: redisUrl,
  EVENT_BUS_CONCURRENCY: String(CONCURRENCY),
  MEDUSA_DISABLE_TELEMETRY: "true",
  MEDUSA_ADMIN_DISABLED: "true",
  LOG_LEVEL: "warn",
  PORT: String(PORT),
  BENCH_ORDERS: String(ORDERS),
  BENCH_EMIT_FILE: emitFile,
}

function run(args, extra = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(medusa, args, {
      cwd: root,
      env: { ...env, ...extra },
      stdio: ["ignore", "ignore", "inherit"],
    })
    child.on("exit", (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`medusa ${args.join(" ")}: ${code}`))
    )
  })
}

const pct = (sorted, p) =>
  sorted.length
    ? sorted[
        Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
      ]
    : NaN

/** Emits, waits until every line has its entry, and measures. */
async function phase(client, name, extra, expectedOrders) {
  await client.query("DELETE FROM commission_entry WHERE order_id IS NOT NULL")
  await client.query("TRUNCATE attribution_line, order_attribution")
  await run(["exec", "./bench/accrual/emit.ts"], extra)
  const sent = JSON.parse(readFileSync(emitFile, "utf8"))
  const ids = Object.keys(sent)
  const expectedLines = expectedOrders * 2
  let lines = 0
  for (let last = -1, idle = 0; lines < expectedLines && idle < 60;) {
    await new Promise((r) => setTimeout(r, 1000))
    lines = Number(
      (
        await client.query(
          "SELECT count(*) FROM commission_entry WHERE type = 'accrual'"
        )
      ).rows[0].count
    )
    idle = lines === last ? idle + 1 : 0
    last = lines
  }
  const { rows } = await client.query(
    `SELECT a.order_id,
            extract(epoch from a.decided_at) * 1000 AS decided,
            extract(epoch from min(e.created_at)) * 1000 AS first_entry,
            extract(epoch from max(e.created_at)) * 1000 AS last_entry
       FROM order_attribution a
       LEFT JOIN commission_entry e ON e.order_id = a.order_id AND e.type = 'accrual'
      WHERE a.order_id = ANY($1)
      GROUP BY a.order_id, a.decided_at`,
    [ids]
  )
  const t0 = Math.min(...ids.map((id) => sent[id]))
  const attrLat = rows
    .map((r) => Number(r.decided) - sent[r.order_id])
    .sort((a, b) => a - b)
  const entryLat = rows
    .filter((r) => r.first_entry)
    .map((r) => Number(r.first_entry) - sent[r.order_id])
    .sort((a, b) => a - b)
  const lastEntry = Math.max(
    ...rows.filter((r) => r.last_entry).map((r) => Number(r.last_entry))
  )
  const lastDecision = Math.max(...rows.map((r) => Number(r.decided)))
  return {
    name,
    orders: ids.length,
    decided: rows.length,
    lines,
    expectedLines,
    attrPerSec: rows.length / ((lastDecision - t0) / 1000),
    linesPerSec: lines / ((lastEntry - t0) / 1000),
    wallS: (lastEntry - t0) / 1000,
    attr: [50, 95, 99].map((p) => pct(attrLat, p)),
    entry: [50, 95, 99].map((p) => pct(entryLat, p)),
  }
}

async function main() {
  await ensureDatabase(url, { reseed: process.env.BENCH_RESEED === "1" })
  log("migrating and seeding (first run: a few minutes)")
  await run(["db:migrate"])
  await run(["exec", "./scripts/seed-demo.ts"])
  await run(["exec", "./bench/accrual/seed.ts"])

  // The bench's own Redis database: events left by an interrupted run
  // would otherwise be replayed into this one.
  const redis = new Redis(redisUrl)
  await redis.flushdb()
  await redis.quit()
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  log(`starting the server (event bus worker concurrency ${CONCURRENCY})`)
  const server = spawn(medusa, ["start"], {
    cwd: root,
    env,
    stdio: ["ignore", "ignore", "inherit"],
  })
  try {
    await waitForHealth(`http://localhost:${PORT}`)
    log(`burst: ${ORDERS} order.placed events at once`)
    const burst = await phase(
      client,
      "burst",
      { BENCH_EMIT_MODE: "burst", BENCH_EMIT_COUNT: String(ORDERS) },
      ORDERS
    )
    log(`paced: ${PACED} orders at ${RATE}/s`)
    const paced = await phase(
      client,
      "paced",
      {
        BENCH_EMIT_MODE: "paced",
        BENCH_EMIT_COUNT: String(PACED),
        BENCH_EMIT_RATE: String(RATE),
      },
      PACED
    )
    const f = (n) => (Number.isFinite(n) ? n.toFixed(0) : "-")
    console.log(
      `\nAccrual: order.placed → attribution → commission entries (2 lines per order, Redis event bus, concurrency ${CONCURRENCY})\n`
    )
    console.log(
      "| phase | orders | lines written / expected | wall s | attributions/s (baseline) | lines/s | lines/s ÷ attributions/s |"
    )
    console.log("|---|---|---|---|---|---|---|")
    for (const r of [burst, paced]) {
      console.log(
        `| ${r.name} | ${r.orders} | ${r.lines} / ${r.expectedLines} | ${r.wallS.toFixed(1)} | ${r.attrPerSec.toFixed(1)} | ${r.linesPerSec.toFixed(1)} | ${(r.linesPerSec / r.attrPerSec).toFixed(2)} |`
      )
    }
    console.log(
      "\n| phase | event → attribution p50 / p95 / p99 ms (baseline) | event → entry p50 / p95 / p99 ms | p95 ratio |"
    )
    console.log("|---|---|---|---|")
    for (const r of [burst, paced]) {
      console.log(
        `| ${r.name} | ${r.attr.map(f).join(" / ")} | ${r.entry.map(f).join(" / ")} | ${(r.entry[1] / r.attr[1]).toFixed(2)} |`
      )
    }
  } finally {
    server.kill("SIGTERM")
    await client.end()
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
