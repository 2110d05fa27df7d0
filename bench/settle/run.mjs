#!/usr/bin/env node
// Settlement benchmark: one settleCommissionsWorkflow run pays 10,000
// buyers holding 1,000,000 approved entries (100 each) through the Stripe
// provider, against the tests' fake Stripe (in its own process) answering
// every call after 20 ms. Reports wall time, settlements/s (= transfers/s),
// entries/s, peak RSS and RSS over the booted app, beside two floors measured
// in the same run: the Stripe floor (the same transfers through the real SDK
// at the same concurrency, no database) and the database floor (one UPDATE
// claiming every entry as the plugin's claim does, then one marking them
// paid, rolled back). Then checks the outcome (every settlement and entry
// paid, one transfer per buyer, transfers sum to the entries) and exits
// non-zero if it is wrong. Target: ≤ 60 s and ≤ 512 MB.
// Usage: npm run bench:settle
// Env: BENCH_DATABASE_URL (postgres://postgres@localhost:5432/notes_bench_settle),
//      BENCH_REDIS_URL (redis://127.0.0.1:6379/6, flushed), BENCH_BUYERS (10000),
//      BENCH_ENTRIES (1000000), BENCH_LATENCY_MS (20), BENCH_CONCURRENCY
//      (settlement concurrency; unset: the plugin's default, 8),
//      BENCH_STRIPE_PORT (12190), BENCH_RESEED=1 (drop and recreate the database).
// Memory diagnosis: NODE_OPTIONS=--expose-gc BENCH_GC_SAMPLE_MS=1000 forces a
// full GC that often in the settle process and reports the live heap (it
// slows the run and lowers its RSS: not for the figures).
import { spawn } from "node:child_process"
import { mkdirSync, readFileSync, rmSync } from "node:fs"
import os from "node:os"
import path from "node:path"
import { fileURLToPath } from "node:url"
import Redis from "ioredis"
import pg from "pg"
import { ensureDatabase } from "../lib.mjs"

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..")
const url =
  process.env.BENCH_DATABASE_URL ??
  "postgres://postgres@localhost:5432/notes_bench_settle"
const redisUrl = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379/6"
const BUYERS = Number(process.env.BENCH_BUYERS ?? 10_000)
const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 1_000_000)
const LATENCY = Number(process.env.BENCH_LATENCY_MS ?? 20)
const CONCURRENCY = process.env.BENCH_CONCURRENCY
  ? Number(process.env.BENCH_CONCURRENCY)
  : null
const EFFECTIVE_CONCURRENCY = CONCURRENCY ?? 8 // the plugin's default
const STRIPE_PORT = Number(process.env.BENCH_STRIPE_PORT ?? 12190)
const TARGET_S = 60
const TARGET_MB = 512
const medusa = path.join(root, "node_modules", ".bin", "medusa")
const outFile = path.join(root, ".demo-data", "settle-run.json")
const log = (m) => console.error(`[bench] ${m}`)

const env = {
  ...process.env,
  DATABASE_URL: url,
  REDIS_URL: redisUrl,
  MEDUSA_DISABLE_TELEMETRY: "true",
  MEDUSA_ADMIN_DISABLED: "true",
  LOG_LEVEL: "warn",
  STRIPE_API_KEY: "sk_test_fake",
  STRIPE_WEBHOOK_SECRET: "whsec_bench",
  STRIPE_HOST: "127.0.0.1",
  STRIPE_PORT: String(STRIPE_PORT),
  STRIPE_PROTOCOL: "http",
  NOTES_SETTLEMENT_SCHEDULE: "off",
  BENCH_BUYERS: String(BUYERS),
  BENCH_ENTRIES: String(ENTRIES),
  BENCH_LATENCY_MS: String(LATENCY),
  BENCH_STRIPE_PORT: String(STRIPE_PORT),
  BENCH_FLOOR_CONCURRENCY: String(EFFECTIVE_CONCURRENCY),
  BENCH_SETTLE_OUT: outFile,
}
delete env.NOTES_SETTLEMENT_THRESHOLDS
if (CONCURRENCY) {
  env.NOTES_SETTLEMENT_CONCURRENCY = String(CONCURRENCY)
} else {
  delete env.NOTES_SETTLEMENT_CONCURRENCY
}

function run(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(medusa, args, {
      cwd: root,
      env,
      stdio: ["ignore", "ignore", "inherit"],
    })
    child.on("exit", (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`medusa ${args.join(" ")}: ${code}`))
    )
  })
}

/** Runs a node script and answers its stdout. */
function node(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: root,
      env,
      stdio: ["ignore", "pipe", "inherit"],
    })
    let out = ""
    child.stdout.on("data", (d) => (out += d))
    child.on("exit", (code) =>
      code === 0
        ? resolve(out)
        : reject(new Error(`node ${args.join(" ")}: ${code}`))
    )
  })
}

async function databaseExists() {
  const u = new URL(url)
  const name = u.pathname.slice(1)
  u.pathname = "/postgres"
  const admin = new pg.Client({ connectionString: u.toString() })
  await admin.connect()
  const { rowCount } = await admin.query(
    "select 1 from pg_database where datname = $1",
    [name]
  )
  await admin.end()
  return rowCount > 0
}

/** The fake Stripe in a child process, with an IPC channel for its stats. */
async function startFake() {
  const child = spawn(
    process.execPath,
    [
      "-r",
      "ts-node/register/transpile-only",
      "bench/settle/fake-stripe-server.ts",
    ],
    { cwd: root, env, stdio: ["ignore", "inherit", "inherit", "ipc"] }
  )
  await new Promise((resolve, reject) => {
    child.once("exit", (code) =>
      reject(new Error(`fake Stripe exited with ${code}`))
    )
    child.on("message", (m) => m?.type === "ready" && resolve())
  })
  child.removeAllListeners("exit")
  return {
    stats: () =>
      new Promise((resolve) => {
        const on = (m) => {
          if (m?.type === "stats") {
            child.off("message", on)
            resolve(m)
          }
        }
        child.on("message", on)
        child.send({ type: "stats" })
      }),
    stop: () => child.kill("SIGTERM"),
  }
}

/** The database floor: the claim (and the mark-paid) as single statements, rolled back. */
async function databaseFloor(client) {
  await client.query("BEGIN")
  try {
    let t = performance.now()
    const {
      rows: [claim],
    } = await client.query(
      `WITH c AS (
         UPDATE commission_entry SET settlement_id = 'stl_bench_floor', updated_at = now()
          WHERE currency_code = 'eur' AND status = 'approved'
            AND settlement_id IS NULL AND deleted_at IS NULL
         RETURNING amount, approved_at)
       SELECT coalesce(sum(amount), 0)::text AS amount, count(*)::int AS entry_count,
         min(approved_at) AS period_start, max(approved_at) AS period_end FROM c`
    )
    const claimMs = performance.now() - t
    t = performance.now()
    const { rowCount: paid } = await client.query(
      `UPDATE commission_entry SET status = 'paid', updated_at = now()
        WHERE settlement_id = 'stl_bench_floor' AND status = 'approved' AND deleted_at IS NULL`
    )
    const paidMs = performance.now() - t
    return { claimMs, paidMs, claimed: claim.entry_count, paid }
  } finally {
    await client.query("ROLLBACK")
  }
}

async function flushRedis() {
  const redis = new Redis(redisUrl)
  await redis.flushdb()
  await redis.quit()
}

const ms = (t) => new Date(t).getTime()
const pct = (sorted, p) =>
  sorted.length
    ? sorted[
        Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
      ]
    : NaN

async function main() {
  const reseed = process.env.BENCH_RESEED === "1"
  const existed = await databaseExists()
  await ensureDatabase(url, { reseed })
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  const migrated = (
    await client.query("select to_regclass('public.settlement_skip') AS t")
  ).rows[0].t
  if (!existed || reseed || !migrated) {
    log("migrating (first run: a minute or two)")
    await run(["db:migrate"])
  }
  await flushRedis()
  mkdirSync(path.dirname(outFile), { recursive: true })
  rmSync(outFile, { force: true })

  log(
    `starting the fake Stripe on :${STRIPE_PORT} (${LATENCY} ms per call, ${BUYERS} accounts)`
  )
  const fake = await startFake()
  try {
    log(`seeding ${BUYERS} buyers and ${ENTRIES} approved entries (untimed)`)
    let t = performance.now()
    await run(["exec", "./bench/settle/seed.ts"])
    log(`seeded in ${((performance.now() - t) / 1000).toFixed(1)} s`)

    log("database floor: claim + mark paid of every entry, rolled back")
    const dbFloor = await databaseFloor(client)
    log(
      `database floor: claim ${(dbFloor.claimMs / 1000).toFixed(1)} s, mark paid ${(dbFloor.paidMs / 1000).toFixed(1)} s; VACUUM FULL (untimed)`
    )
    // The rolled-back versions would leave the table twice its size.
    await client.query("VACUUM FULL ANALYZE commission_entry")

    log(
      `Stripe floor: ${BUYERS} transfers through the SDK, ${EFFECTIVE_CONCURRENCY} at a time`
    )
    const stripeFloor = JSON.parse(
      (await node(["bench/settle/stripe-floor.mjs"])).trim().split("\n").pop()
    )
    log(`Stripe floor: ${(stripeFloor.wall_ms / 1000).toFixed(1)} s`)

    await flushRedis()
    log(
      `settlement run (concurrency ${EFFECTIVE_CONCURRENCY}${CONCURRENCY ? "" : ", the plugin's default"})`
    )
    t = performance.now()
    let runError = null
    try {
      await run(["exec", "./bench/settle/settle.ts"])
    } catch (e) {
      runError = e
    }
    log(
      `settle process (boot + run + exit): ${((performance.now() - t) / 1000).toFixed(1)} s`
    )
    let r
    try {
      r = JSON.parse(readFileSync(outFile, "utf8"))
    } catch {
      throw runError ?? new Error("the settle process wrote no figures")
    }

    const stats = await fake.stats()
    const {
      rows: [entries],
    } = await client.query(
      `SELECT count(*)::int AS total,
              (count(*) FILTER (WHERE status = 'paid'))::int AS paid,
              (sum(amount) * 100)::text AS minor,
              (sum(amount) FILTER (WHERE status = 'paid') * 100)::text AS paid_minor
         FROM commission_entry`
    )
    const {
      rows: [settlements],
    } = await client.query(
      `SELECT count(*)::int AS total,
              (count(*) FILTER (WHERE status = 'paid'))::int AS paid,
              (count(DISTINCT buyer_id) FILTER (WHERE status = 'paid'))::int AS buyers,
              coalesce(sum(amount) FILTER (WHERE status = 'paid') * 100, 0)::text AS minor
         FROM settlement`
    )
    const {
      rows: [runRow],
    } = await client.query(
      `SELECT id, status, started_at, finished_at FROM settlement_run
        ORDER BY started_at DESC LIMIT 1`
    )
    const { rows: times } = await client.query(
      `SELECT extract(epoch from created_at) * 1000 AS created,
              extract(epoch from paid_at) * 1000 AS paid
         FROM settlement WHERE run_id = $1`,
      [runRow?.id ?? null]
    )

    // Phases, from the workflow's start and end (settle.ts) and the rows' timestamps.
    const created = times.map((x) => Number(x.created)).sort((a, b) => a - b)
    const paidAt = times
      .filter((x) => x.paid)
      .map((x) => Number(x.paid))
      .sort((a, b) => a - b)
    const latency = times
      .filter((x) => x.paid)
      .map((x) => Number(x.paid) - Number(x.created))
      .sort((a, b) => a - b)
    const phases = runRow
      ? [
          ["lock + start run", r.start_epoch_ms, ms(runRow.started_at)],
          [
            "plan: heal + candidates aggregate + buyer statuses",
            ms(runRow.started_at),
            created[0],
          ],
          [
            "claim → pay loop (first claim → last paid)",
            created[0],
            paidAt.at(-1),
          ],
          [
            "skips + finish run",
            paidAt.at(-1),
            runRow.finished_at ? ms(runRow.finished_at) : NaN,
          ],
          [
            "release lock + emit events + workflow end",
            runRow.finished_at ? ms(runRow.finished_at) : NaN,
            r.end_epoch_ms,
          ],
        ]
      : []
    const loopStart = created[0]
    const loopEnd = paidAt.at(-1)
    const deciles = []
    if (paidAt.length && loopEnd > loopStart) {
      const width = (loopEnd - loopStart) / 10
      for (let k = 0; k < 10; k++) {
        const from = loopStart + k * width
        const to = k === 9 ? Infinity : from + width
        const n = paidAt.filter((p) => p >= from && p < to).length
        deciles.push(n / (width / 1000))
      }
    }

    const s = (x) => (x / 1000).toFixed(1)
    const mb = (b) => (b / 1024 / 1024).toFixed(0)
    const wallS = r.wall_ms / 1000
    const stripeS = stripeFloor.wall_ms / 1000
    const claimS = dbFloor.claimMs / 1000
    const dbS = (dbFloor.claimMs + dbFloor.paidMs) / 1000
    const settled = settlements.paid
    console.log(
      `\nSettlement: ${BUYERS} buyers, ${ENTRIES} approved entries (${(ENTRIES / BUYERS).toFixed(0)} each) paid by one settleCommissionsWorkflow run through the Stripe provider; fake Stripe ${LATENCY} ms per call; settlement concurrency ${EFFECTIVE_CONCURRENCY}${CONCURRENCY ? "" : " (plugin default)"}\n`
    )
    console.log(
      "| | wall s | settlements/s (= transfers/s) | entries/s | peak RSS MB | RSS over booted baseline MB |"
    )
    console.log("|---|---|---|---|---|---|")
    console.log(
      `| settlement run | ${wallS.toFixed(1)} | ${(settled / wallS).toFixed(1)} | ${(entries.paid / wallS).toFixed(0)} | ${mb(r.peak_rss)} | ${mb(r.peak_rss - r.baseline_rss)} (baseline ${mb(r.baseline_rss)}) |`
    )
    console.log(
      `| Stripe floor: ${BUYERS} SDK transfers, no database | ${stripeS.toFixed(1)} | ${(BUYERS / stripeS).toFixed(1)} | - | ${mb(stripeFloor.peak_rss)} | ${mb(stripeFloor.peak_rss - stripeFloor.baseline_rss)} |`
    )
    console.log(
      `| DB floor: one claim UPDATE of all entries (rolled back) | ${claimS.toFixed(1)} | - | ${(dbFloor.claimed / claimS).toFixed(0)} | - | - |`
    )
    console.log(
      `| DB floor: claim + mark-paid UPDATEs (rolled back) | ${dbS.toFixed(1)} | - | ${(dbFloor.claimed / dbS).toFixed(0)} | - | - |`
    )
    console.log("\n| ratio | value |")
    console.log("|---|---|")
    console.log(
      `| run ÷ Stripe floor (wall) | ${(wallS / stripeS).toFixed(2)} |`
    )
    console.log(
      `| run ÷ DB floor, claim (wall) | ${(wallS / claimS).toFixed(2)} |`
    )
    console.log(
      `| run ÷ DB floor, claim + mark paid (wall) | ${(wallS / dbS).toFixed(2)} |`
    )
    console.log(
      `| run ÷ (Stripe floor + DB claim + mark paid) (wall) | ${(wallS / (stripeS + dbS)).toFixed(2)} |`
    )

    console.log("\n| phase of the run | s | share |")
    console.log("|---|---|---|")
    for (const [name, from, to] of phases) {
      console.log(
        `| ${name} | ${s(to - from)} | ${(((to - from) / r.wall_ms) * 100).toFixed(0)} % |`
      )
    }
    if (r.trace) {
      const payLoopMs = loopEnd - loopStart
      console.log(
        "\n| call inside the run (timed in the settle process) | calls | mean ms | max ms | total s |"
      )
      console.log("|---|---|---|---|---|")
      let inPool = 0
      for (const [name, t] of Object.entries(r.trace)) {
        if (!t.calls) continue
        if (
          [
            "claimSettlementBatch",
            "beginSettlementAttempts",
            "completeSettlements",
          ].includes(name)
        ) {
          inPool += t.ms
        }
        console.log(
          `| ${name} | ${t.calls} | ${(t.ms / t.calls).toFixed(1)} | ${t.max_ms.toFixed(0)} | ${s(t.ms)} |`
        )
      }
      console.log(
        `\nDatabase time per settlement (batched claim + mark sent + record paid, summed over both batch workers ÷ settlements): ${(inPool / Math.max(settled, 1)).toFixed(1)} ms; pay loop ${s(payLoopMs)} with ${EFFECTIVE_CONCURRENCY} transfers in flight at most`
      )
    }
    console.log(
      `\nPer settlement, claim → paid (created_at → paid_at): p50 ${pct(latency, 50)?.toFixed(0)} ms, p95 ${pct(latency, 95)?.toFixed(0)} ms, p99 ${pct(latency, 99)?.toFixed(0)} ms (Stripe call alone: ${LATENCY} ms + transport)`
    )
    console.log(
      `Settlements paid per second over the pay loop, by tenth: ${deciles.map((d) => d.toFixed(0)).join(" · ")}`
    )
    console.log(
      `Settle process CPU: ${s(r.cpu_ms)} s (${((r.cpu_ms / r.wall_ms) * 100).toFixed(0)} % of one core); machine busy ${r.machine_busy === null ? "-" : `${(r.machine_busy * 100).toFixed(0)} %`} of ${os.cpus().length} cores during the run; event loop utilisation ${(r.event_loop_utilization * 100).toFixed(0)} %; V8 heap ${mb(r.baseline_heap)} MB after boot, peak ${mb(r.peak_heap)} MB${r.peak_live_heap ? `, live after forced GCs ≤ ${mb(r.peak_live_heap)} MB` : ""}`
    )

    const checks = [
      [
        "workflow finished without error",
        !r.error,
        r.error ? r.error.split("\n")[0] : "ok",
      ],
      [
        `settlements paid = ${BUYERS}`,
        settled === BUYERS && settlements.buyers === BUYERS,
        `${settled} paid of ${settlements.total}, ${settlements.buyers} buyers${r.first_failure ? `; first failure: ${r.first_failure}` : ""}`,
      ],
      [
        `entries paid = ${ENTRIES}`,
        entries.paid === ENTRIES && entries.total === ENTRIES,
        `${entries.paid} of ${entries.total}`,
      ],
      [
        `fake Stripe transfers = ${BUYERS}, one per account`,
        stats.settlement.count === BUYERS &&
          stats.settlement.destinations === BUYERS,
        `${stats.settlement.count} transfers to ${stats.settlement.destinations} accounts`,
      ],
      [
        "sum of transfers (minor units) = sum of entries × 100",
        String(stats.settlement.sum) === String(Number(entries.minor)) &&
          Number.isInteger(Number(entries.minor)),
        `${stats.settlement.sum} vs ${entries.minor} (settlements paid: ${settlements.minor})`,
      ],
    ]
    console.log("\n| check | ok | figures |")
    console.log("|---|---|---|")
    for (const [name, ok, detail] of checks) {
      console.log(`| ${name} | ${ok ? "yes" : "NO"} | ${detail} |`)
    }
    const peakMb = r.peak_rss / 1024 / 1024
    console.log(
      `\nTarget: wall ≤ ${TARGET_S} s: ${wallS <= TARGET_S ? "met" : "MISSED"} (${wallS.toFixed(1)} s); peak RSS ≤ ${TARGET_MB} MB: ${peakMb <= TARGET_MB ? "met" : "MISSED"} (${peakMb.toFixed(0)} MB)`
    )
    if (!checks.every(([, ok]) => ok)) {
      process.exitCode = 1
    }
  } finally {
    fake.stop()
    await client.end()
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
