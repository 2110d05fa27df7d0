#!/usr/bin/env node
// Reports benchmark (issue 11): 1,000 buyers, 10,000 notes, 1,000,000 clicks
// over 90 days and 100,000 attributed orders with their ledger entries,
// seeded by set-based SQL into the real tables (the rollups built by their
// own statement-level triggers as the rows go in; seed.mjs). Then, on a
// `medusa start`ed server of this repository, at 4 keep-alive connections
// (bench/load.mjs, every latency kept): a busy buyer's 90-day daily report
// (rotating over the five busiest buyers' tokens), the same grouped by note,
// the program leaderboard by sales over 30 days, the 90-day CSV, and
// GET /health as the same-run baseline. The raw baseline in the same run:
// the same numbers computed by GROUP BY over referral_click,
// attribution_line and commission_entry (raw.mjs), 4 PostgreSQL clients in
// a closed loop (SQL only: no HTTP, no JSON, which favours the baseline).
// Then the write paths with the rollup triggers on and off (write-paths.ts):
// recordClicks batches of 500, and the ledger's accrual and status updates.
// Usage: npm run bench:reports
// Env: BENCH_DATABASE_URL (postgres://postgres@localhost:5432/notes_bench_reports),
//      BENCH_RESEED=1 (drop, migrate and seed again; also when the data is
//      missing or its newest click is more than a day old), BENCH_DURATION
//      (seconds per HTTP or raw run, 10), BENCH_PORT (9400), BENCH_WRITE_ROUNDS
//      (the ledger's rounds, 6), BENCH_CLICK_ROUNDS (6), BENCH_SKIP_WRITES=1 (reads only), BENCH_SKIP_READS=1 (the write
//      paths only: no server, no raw baseline).
import { spawn } from "node:child_process"
import { mkdirSync, readFileSync, writeFileSync } from "node:fs"
import os from "node:os"
import path from "node:path"
import { fileURLToPath } from "node:url"
import pg from "pg"
import { ensureDatabase, waitForHealth } from "../lib.mjs"
import { load } from "../load.mjs"
import { loadRaw, rawReport } from "./raw.mjs"
import { seed, seededClicks } from "./seed.mjs"

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..")
const url =
  process.env.BENCH_DATABASE_URL ??
  "postgres://postgres@localhost:5432/notes_bench_reports"
const DURATION = Number(process.env.BENCH_DURATION ?? 10)
const PORT = Number(process.env.BENCH_PORT ?? 9400)
const SIZES = {
  buyers: 1000,
  notes: 10_000,
  clicks: 1_000_000,
  orders: 100_000,
}
const BUSY = [
  "buyer_bench_0",
  "buyer_bench_1",
  "buyer_bench_2",
  "buyer_bench_3",
  "buyer_bench_4",
]
const TARGETS = {
  buyer_p95: 50,
  leaderboard_p95: 100,
  speedup: 20,
  clicks: 0.8,
  ledger: 0.9,
}
const dataDir = path.join(root, "bench", ".data")
const seedFile = path.join(dataDir, "reports-seed.json")
const setupFile = path.join(dataDir, "reports-setup.json")
const writeFile = path.join(dataDir, "reports-write.json")
const medusa = path.join(root, "node_modules", ".bin", "medusa")
const log = (m) => console.error(`[bench] ${m}`)

const env = {
  ...process.env,
  DATABASE_URL: url,
  MEDUSA_DISABLE_TELEMETRY: "true",
  MEDUSA_ADMIN_DISABLED: "true",
  LOG_LEVEL: "warn",
  PORT: String(PORT),
  // No settlement run in the middle of the measurements (the daily job
  // would start one when the server boots after its hour).
  NOTES_SETTLEMENT_SCHEDULE: "off",
  // `medusa start` runs in production mode, where the plugin wants one.
  NOTES_IP_HASH_SECRET:
    process.env.NOTES_IP_HASH_SECRET ?? "reports-bench-ip-hash-secret",
  BENCH_BUYER_IDS: BUSY.join(","),
  BENCH_SETUP_OUT: setupFile,
  BENCH_WRITE_OUT: writeFile,
}
// No Redis: the in-process event bus and click sink; nothing here needs more.
delete env.REDIS_URL

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

/** SIGTERM to the server's process group; SIGKILL if it is not gone in 60 s. */
async function stopServer(server) {
  if (server.exitCode !== null || server.signalCode !== null) {
    return
  }
  const gone = new Promise((r) => server.once("exit", r))
  const signal = (s) => {
    try {
      process.kill(-server.pid, s)
    } catch {
      // Gone.
    }
  }
  signal("SIGTERM")
  const t = performance.now()
  const timer = setTimeout(() => signal("SIGKILL"), 60_000)
  await gone
  clearTimeout(timer)
  log(`server stopped in ${((performance.now() - t) / 1000).toFixed(1)} s`)
}

/** Waits (up to 5 minutes) until no other session of the database is active. */
async function quiesce(client) {
  const t = performance.now()
  for (;;) {
    const { rows } = await client.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'`
    )
    if (rows[0].n === 0 || performance.now() - t > 300_000) {
      log(
        `database quiet after ${((performance.now() - t) / 1000).toFixed(1)} s (${rows[0].n} sessions still active)`
      )
      return
    }
    await new Promise((r) => setTimeout(r, 500))
  }
}

async function prepareData(client) {
  // Always: new migrations of the checkout apply (a few seconds when none).
  log("migrating")
  await run(["db:migrate"])
  const have = await seededClicks(client)
  const newest = (
    await client.query(
      "SELECT extract(epoch FROM now() - max(clicked_at)) / 3600 AS h FROM referral_click WHERE id LIKE 'click_seed_%'"
    )
  ).rows[0].h
  let stale = ""
  if (have !== SIZES.clicks) {
    stale = `${have} seeded clicks`
  } else if (Number(newest) > 24) {
    stale = `newest click ${Number(newest).toFixed(0)} h old`
  }
  if (stale) {
    log(`seeding (${stale}): ${JSON.stringify(SIZES)}`)
    const t = performance.now()
    const { steps, now } = await seed(client, { ...SIZES, log })
    const result = { at: now, total_ms: performance.now() - t, steps }
    writeFileSync(seedFile, JSON.stringify(result, null, 2))
    return { ...result, fresh: true }
  }
  log("data already seeded (BENCH_RESEED=1 to seed again)")
  try {
    return { ...JSON.parse(readFileSync(seedFile, "utf8")), fresh: false }
  } catch {
    return { at: null, total_ms: NaN, steps: [], fresh: false }
  }
}

async function sizes(client) {
  const tables = [
    "referral_click",
    "attribution_line",
    "commission_entry",
    "click_rollup",
    "click_visitor",
    "click_buyer_day",
    "order_rollup",
    "order_note_rollup",
    "order_buyer_day",
    "ledger_rollup",
    "ledger_buyer_day",
    "click_hour",
    "order_hour",
    "ledger_hour",
  ]
  const out = []
  for (const t of tables) {
    const { rows } = await client.query(
      `SELECT count(*)::int AS n, pg_size_pretty(pg_total_relation_size($1::regclass)) AS size FROM ${t}`,
      [t]
    )
    out.push({ table: t, rows: rows[0].n, size: rows[0].size })
  }
  const busy = (
    await client.query(
      `SELECT buyer_id, count(*)::int AS clicks,
              (SELECT count(*)::int FROM click_rollup r WHERE r.buyer_id = c.buyer_id) AS click_rollup_rows,
              (SELECT count(*)::int FROM click_visitor r WHERE r.buyer_id = c.buyer_id) AS click_visitor_rows,
              (SELECT count(*)::int FROM ledger_rollup r WHERE r.buyer_id = c.buyer_id) AS ledger_rollup_rows,
              (SELECT count(*)::int FROM commission_entry e WHERE e.buyer_id = c.buyer_id) AS entries
         FROM referral_click c WHERE buyer_id = ANY($1) GROUP BY buyer_id ORDER BY buyer_id`,
      [BUSY]
    )
  ).rows
  return { tables: out, busy }
}

/** The report's numbers against the raw ones (totals, and the groups' page). */
function compare(name, report, raw) {
  const problems = []
  const total = (rows) => rows.find((r) => r.shape === "total") ?? {}
  const c = total(raw.clicks)
  const o = total(raw.orders)
  const t = report.totals
  const eq = (label, a, b) => {
    if (String(a) !== String(b))
      problems.push(`${label}: report ${a}, raw ${b}`)
  }
  eq("clicks", t.clicks, Number(c.clicks ?? 0))
  if (t.unique_visitors !== null) {
    eq("unique_visitors", t.unique_visitors, Number(c.unique_visitors ?? 0))
  }
  eq("dropped.bot", t.dropped.bot, Number(c.dropped_bot ?? 0))
  eq("orders", t.orders, Number(o.orders ?? 0))
  eq("units", t.units, Number(o.units ?? 0))
  for (const m of raw.money.filter((r) => r.shape === "total")) {
    const cur = t.currencies.find((x) => x.currency_code === m.currency_code)
    for (const k of amountsOf(m)) {
      eq(`${m.currency_code} ${k}`, Number(cur?.[k] ?? 0), Number(m[k] ?? 0))
    }
  }
  const series = raw.clicks.filter((r) => r.shape === "series")
  eq(
    "series clicks (sum)",
    report.series.reduce((a, s) => a + s.clicks, 0),
    series.reduce((a, s) => a + Number(s.clicks), 0)
  )
  if (raw.page) {
    eq(
      "group page keys",
      report.groups.map((g) => g.key).join(","),
      raw.page.join(",")
    )
    // The page's groups in full (the leaderboard ranks every buyer on one
    // column, then reads the page's metrics: both must be right).
    const rawGroup = (rows, key) =>
      rows.find((r) => r.shape === "group" && r.key === key) ?? {}
    for (const g of report.groups) {
      const rc = rawGroup(raw.clicks, g.key)
      const ro = rawGroup(raw.orders, g.key)
      eq(`[${g.key}] clicks`, g.clicks, Number(rc.clicks ?? 0))
      eq(`[${g.key}] dropped.bot`, g.dropped.bot, Number(rc.dropped_bot ?? 0))
      eq(`[${g.key}] orders`, g.orders, Number(ro.orders ?? 0))
      eq(`[${g.key}] units`, g.units, Number(ro.units ?? 0))
      const money = raw.money.filter(
        (r) => r.shape === "group" && r.key === g.key
      )
      eq(
        `[${g.key}] currencies`,
        g.currencies.map((c) => c.currency_code).join(","),
        money
          .map((m) => m.currency_code)
          .sort()
          .join(",")
      )
      for (const m of money) {
        const cur = g.currencies.find(
          (x) => x.currency_code === m.currency_code
        )
        for (const k of amountsOf(m)) {
          eq(
            `[${g.key}] ${m.currency_code} ${k}`,
            Number(cur?.[k] ?? 0),
            Number(m[k] ?? 0)
          )
        }
      }
    }
  }
  return { name, ok: problems.length === 0, problems }
}

const approvedCount = async (client) =>
  (
    await client.query(
      "SELECT count(*)::int AS n FROM commission_entry WHERE status = 'approved'"
    )
  ).rows[0].n

/** The kinds whose answers are checked against the raw GROUP BY. */
const CHECKED = ["daily", "daily_visitors", "note", "leaderboard"]

/** The raw report of an answer of `kind` (the busiest buyer's, or the program's). */
function rawQueryOf(kind, body) {
  const { from, to, tz, interval } = body.range
  return kind === "leaderboard"
    ? {
        from,
        to,
        tz,
        interval,
        buyerId: null,
        groupBy: "buyer",
        orderBy: "sales",
        currency: "eur",
      }
    : {
        from,
        to,
        tz,
        interval,
        buyerId: BUSY[0],
        groupBy: kind === "note" ? "note" : null,
        orderBy: "net",
        currency: "eur",
        visitors: kind === "daily_visitors",
      }
}

/** The amounts of a raw money row (raw.mjs's MONEY: the answer's nine). */
const amountsOf = (m) =>
  Object.keys(m).filter(
    (k) => !["shape", "b", "key", "currency_code"].includes(k)
  )

/**
 * The ledger as the checks see it: entries and amounts per status and
 * currency, and the last update. The approval job (every 15 minutes in the
 * server) moves entries whose hold ends from pending to approved; an
 * answer and its raw read are compared only when this is the same before
 * the answer and after the raw read (one ledger state for both).
 */
async function ledgerState(client) {
  const { rows } = await client.query(
    `SELECT status, currency_code, count(*)::int AS n, sum(amount)::text AS amount,
            max(updated_at) AS at
       FROM commission_entry GROUP BY 1, 2 ORDER BY 1, 2`
  )
  return JSON.stringify(rows)
}

async function main() {
  mkdirSync(dataDir, { recursive: true })
  await ensureDatabase(url, { reseed: process.env.BENCH_RESEED === "1" })
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  const seeded = await prepareData(client)
  const size = await sizes(client)
  if (process.env.BENCH_SKIP_READS === "1") {
    // The write paths alone (no server, no raw baseline).
    await quiesce(client)
    log("write paths only (BENCH_SKIP_READS=1): rollup triggers on and off")
    await run(["exec", "./bench/reports/write-paths.ts"])
    await client.end()
    const writes = JSON.parse(readFileSync(writeFile, "utf8"))
    const ratio = (k, unit) => writes[k].on[unit] / writes[k].off[unit]
    console.log(
      [
        `\nWrite paths only; load average at the end ${os
          .loadavg()
          .map((x) => x.toFixed(2))
          .join(" ")}`,
        `recordClicks: off ${Math.round(writes.clicks.off.clicks_per_s)} clicks/s (batch p50 ${writes.clicks.off.batch_p50_ms.toFixed(1)} ms), on ${Math.round(writes.clicks.on.clicks_per_s)} clicks/s (batch p50 ${writes.clicks.on.batch_p50_ms.toFixed(1)} ms), on ÷ off ${ratio("clicks", "clicks_per_s").toFixed(2)}`,
        `  the trigger upserting the rollups itself (before the fold): ${Math.round(writes.clicks.direct.clicks_per_s)} clicks/s (batch p50 ${writes.clicks.direct.batch_p50_ms.toFixed(1)} ms), direct ÷ off ${(writes.clicks.direct.clicks_per_s / writes.clicks.off.clicks_per_s).toFixed(2)}`,
        `  the folds of the on rounds: ${writes.clicks.fold.count} folds, ${writes.clicks.fold.clicks} clicks, ${(writes.clicks.fold.ms / 1000).toFixed(1)} s, ${writes.clicks.fold.ms_per_1000_clicks.toFixed(1)} ms per 1,000 clicks`,
        writes.ledger
          ? `ledger path: off ${writes.ledger.off.lines_per_s.toFixed(1)} lines/s, on ${writes.ledger.on.lines_per_s.toFixed(1)} lines/s, on ÷ off ${ratio("ledger", "lines_per_s").toFixed(2)}; the direct triggers (before the ledger and line folds) ${writes.ledger.direct.lines_per_s.toFixed(1)} lines/s, direct ÷ off ${(writes.ledger.direct.lines_per_s / writes.ledger.off.lines_per_s).toFixed(2)}; the folds of the on rounds: ${writes.ledger.fold.count} folds, ${writes.ledger.fold.deltas} deltas, ${(writes.ledger.fold.ms / 1000).toFixed(1)} s`
          : "ledger path: skipped (BENCH_LEDGER_ORDERS=0)",
      ].join("\n")
    )
    return
  }

  log(
    "setup: admin user, publishable key, the busy buyers' customers and tokens"
  )
  await run(["exec", "./bench/reports/setup.ts"])
  const setup = JSON.parse(readFileSync(setupFile, "utf8"))

  log("starting the server")
  const server = spawn(medusa, ["start"], {
    cwd: root,
    env,
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  })
  const base = `http://localhost:${PORT}`
  const http = []
  const kinds = {
    daily: "/store/buyers/me/report?preset=90d&interval=day",
    note: "/store/buyers/me/report?preset=90d&interval=day&group_by=note&currency_code=eur",
    leaderboard:
      "/admin/program-report?preset=30d&group_by=buyer&order_by=sales&currency_code=eur",
    csv: "/store/buyers/me/report?preset=90d&interval=day&format=csv",
    daily_visitors:
      "/store/buyers/me/report?preset=90d&interval=day&visitors=include",
  }
  const answers = {}
  const checks = []
  const approvals = { moved: null }
  try {
    await waitForHealth(base)
    // The buyer routes rotate over the busy buyers: load.mjs sends one
    // header object with every request and reads it per request, so a getter
    // hands each request the next buyer's token.
    let turn = 0
    const buyerHeaders = { "x-publishable-api-key": setup.publishable_key }
    Object.defineProperty(buyerHeaders, "authorization", {
      enumerable: true,
      get: () => `Bearer ${setup.buyers[turn++ % setup.buyers.length].token}`,
    })
    const adminHeaders = { authorization: `Bearer ${setup.admin_token}` }
    const headersOf = (kind) =>
      kind === "leaderboard" ? adminHeaders : buyerHeaders
    const bench = (kind, paths, headers, durationMs = DURATION * 1000) =>
      load({ base, paths, headers, connections: 4, durationMs }).then((r) => ({
        kind,
        ...r,
      }))

    // One answer of each for the checks (the busiest buyer), then warm-up.
    const first = {
      "x-publishable-api-key": setup.publishable_key,
      authorization: `Bearer ${setup.buyers[0].token}`,
    }
    const answer = async (kind) => {
      const p = kinds[kind]
      const res = await fetch(base + p, {
        headers: kind === "leaderboard" ? adminHeaders : first,
      })
      const body = await res.text()
      if (res.status !== 200) {
        throw new Error(`${p}: ${res.status} ${body.slice(0, 300)}`)
      }
      return {
        bytes: body.length,
        body: kind === "csv" ? body : JSON.parse(body),
      }
    }
    // Each check compares an answer with the raw GROUP BY at one ledger
    // state (the same before the answer and after the raw read; else
    // again): the approval job may move money from pending to approved at
    // any time the server runs.
    const check = async (kind, when) => {
      for (let attempt = 1; ; attempt++) {
        const before = await ledgerState(client)
        const a = await answer(kind)
        const raw = await rawReport(client, rawQueryOf(kind, a.body))
        const after = await ledgerState(client)
        if (before === after || attempt === 5) {
          const c = compare(`${kind} (${when})`, a.body, raw)
          if (before !== after) {
            c.ok = false
            c.problems.unshift("the ledger moved during every attempt")
          }
          return { check: { ...c, attempts: attempt }, answer: a }
        }
        log(`check ${kind} (${when}): the ledger moved meanwhile, again`)
      }
    }
    for (const kind of Object.keys(kinds)) {
      if (CHECKED.includes(kind)) {
        const c = await check(kind, "before the load")
        checks.push(c.check)
        answers[kind] = c.answer
      } else {
        answers[kind] = await answer(kind)
      }
    }
    log("warming up (3 s per route)")
    await bench("warm", ["/health"], {}, 3000)
    for (const [kind, p] of Object.entries(kinds)) {
      await bench("warm", [p], headersOf(kind), 3000)
    }
    http.push(
      await bench("GET /health (same server, baseline)", ["/health"], {})
    )
    // The floors of an authenticated request through Medusa's store and
    // admin pipelines (publishable key, token, customer or user, our
    // middlewares) on the same server, with the reports' own headers: a
    // report cannot answer faster than these.
    http.push(
      await bench(
        "GET /store/buyers/me (authenticated store floor)",
        ["/store/buyers/me"],
        buyerHeaders
      )
    )
    http.push(
      await bench(
        "GET /admin/users/me (authenticated admin floor)",
        ["/admin/users/me"],
        adminHeaders
      )
    )
    for (const [kind, p] of Object.entries(kinds)) {
      log(`HTTP ${kind}: ${p}`)
      // A leaderboard answer takes seconds: a longer run for enough samples.
      const ms = (kind === "leaderboard" ? 3 : 1) * DURATION * 1000
      http.push(await bench(kind, [p], headersOf(kind), ms))
    }
    // Diagnostic, not a target: how much of the program report is its
    // review signals (computed with every program report since they came).
    http.push(
      await bench(
        "diagnostic: program report signals=only (30d)",
        ["/admin/program-report?preset=30d&signals=only"],
        adminHeaders
      )
    )
    // The same checks after the load and one run of the approval job (the
    // seeded pending entries whose hold ended since the seed move to
    // approved), the server still up.
    const approvedBefore = await approvedCount(client)
    await run(["exec", "./bench/reports/approve-due.ts"])
    approvals.moved = (await approvedCount(client)) - approvedBefore
    log(`approval job: ${approvals.moved} entries approved`)
    for (const kind of CHECKED) {
      checks.push((await check(kind, "after the load")).check)
    }
  } finally {
    await stopServer(server)
  }
  // Queries the server started may outlive its requests: the raw baseline
  // and the write paths run on a database doing nothing else.
  await quiesce(client)

  // The raw baseline over the same ranges as the answers (the buyer
  // routes' answers for each of the rotated buyers).
  const rawKinds = {}
  for (const kind of ["daily", "daily_visitors", "note", "leaderboard"]) {
    const q = rawQueryOf(kind, answers[kind].body)
    rawKinds[kind] =
      kind === "leaderboard" ? [q] : BUSY.map((b) => ({ ...q, buyerId: b }))
  }
  const csvRows = answers.csv.body.trim().split("\n").length - 1
  // What the server's jobs wrote to the ledger while it ran: no settlement
  // (the schedule is off); approvals of seeded entries whose hold ended
  // since the seed (the checks above are immune: one ledger state each).
  const background = (
    await client.query(
      `SELECT (SELECT count(*)::int FROM settlement) AS settlements,
              (SELECT count(*)::int FROM commission_entry
                WHERE updated_at > created_at + interval '1 minute'
                  AND updated_at > now() - interval '1 hour') AS entries_updated`
    )
  ).rows[0]
  const clients = []
  for (let i = 0; i < 4; i++) {
    const c = new pg.Client({ connectionString: url })
    await c.connect()
    await c.query("SET max_parallel_workers_per_gather = 0")
    clients.push(c)
  }
  const raw = {}
  try {
    await loadRaw({ clients, queries: rawKinds.daily, durationMs: 3000 }) // warm-up
    for (const kind of ["daily", "daily_visitors", "note", "leaderboard"]) {
      log(`raw ${kind}`)
      raw[kind] = await loadRaw({
        clients,
        queries: rawKinds[kind],
        durationMs: Math.max(DURATION, 15) * 1000,
      })
    }
  } finally {
    await Promise.all(clients.map((c) => c.end()))
  }
  // The CSV carries the daily report's numbers: its raw baseline is the daily one.
  raw.csv = raw.daily

  let writes = null
  if (process.env.BENCH_SKIP_WRITES !== "1") {
    await quiesce(client)
    log("write paths: rollup triggers on and off")
    await run(["exec", "./bench/reports/write-paths.ts"])
    writes = JSON.parse(readFileSync(writeFile, "utf8"))
  }
  await client.end()
  const git = (args) =>
    new Promise((resolve) => {
      const child = spawn("git", args, { cwd: root })
      let out = ""
      child.stdout.on("data", (d) => (out += d))
      child.on("exit", () => resolve(out.trim()))
    })
  const commit = await git(["rev-parse", "--short", "HEAD"])
  const dirty = (await git(["status", "--short", "--", "src"]))
    .split("\n")
    .filter(Boolean)

  // ---- report
  const f1 = (x) => x.toFixed(1)
  const lines = []
  const seedS = seeded.total_ms / 1000
  lines.push(
    `\nReports: ${SIZES.buyers} buyers, ${SIZES.notes} notes, ${SIZES.clicks} clicks over 90 days, ${SIZES.orders} attributed orders; ${os.cpus().length} cores, load average at the end ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(" ")}`
  )
  lines.push(
    `Code: commit ${commit}${dirty.length ? `, with uncommitted changes under src/: ${dirty.map((d) => d.trim()).join(", ")}` : ", src/ clean"}`
  )
  lines.push(
    `Seed${seeded.fresh ? "" : ` (earlier run${seeded.at ? ` of ${new Date(seeded.at).toISOString()}` : ", timings not kept"})`}: ${f1(seedS)} s in total, rollups kept by their triggers during the inserts\n`
  )
  lines.push("| seed step | rows | s |")
  lines.push("|---|---|---|")
  for (const s of seeded.steps) {
    lines.push(`| ${s.step} | ${s.rows} | ${f1(s.ms / 1000)} |`)
  }
  lines.push("\n| table | rows | size |")
  lines.push("|---|---|---|")
  for (const t of size.tables) {
    lines.push(`| ${t.table} | ${t.rows} | ${t.size} |`)
  }
  lines.push(
    "\n| busy buyer | clicks | click_rollup rows | click_visitor rows | entries | ledger_rollup rows |"
  )
  lines.push("|---|---|---|---|---|---|")
  for (const b of size.busy) {
    lines.push(
      `| ${b.buyer_id} | ${b.clicks} | ${b.click_rollup_rows} | ${b.click_visitor_rows} | ${b.entries} | ${b.ledger_rollup_rows} |`
    )
  }
  lines.push(
    `\n| HTTP, 4 connections, ${DURATION} s each (leaderboard ${3 * DURATION} s) | requests | p50 ms | p95 ms | p99 ms | req/s | errors | answer bytes |`
  )
  lines.push("|---|---|---|---|---|---|---|---|")
  for (const h of http) {
    lines.push(
      `| ${h.kind} | ${h.requests} | ${f1(h.p50)} | ${f1(h.p95)} | ${f1(h.p99)} | ${Math.round(h.rps)} | ${h.errors}${h.errors ? ` ${JSON.stringify(h.errorKinds)}` : ""} | ${answers[h.kind]?.bytes ?? "-"} |`
    )
  }
  lines.push(
    "\n| raw GROUP BY, 4 PostgreSQL clients | requests | p50 ms | p95 ms | p99 ms | req/s | report p50 / p95 ms | ratio p50 | ratio p95 |"
  )
  lines.push("|---|---|---|---|---|---|---|---|---|")
  const verdicts = []
  for (const kind of Object.keys(kinds)) {
    const h = http.find((x) => x.kind === kind)
    const r = raw[kind]
    const r50 = r.p50 / h.p50
    const r95 = r.p95 / h.p95
    lines.push(
      `| ${kind}${kind === "csv" ? " (= daily's raw)" : ""} | ${r.requests} | ${f1(r.p50)} | ${f1(r.p95)} | ${f1(r.p99)} | ${f1(r.rps)} | ${f1(h.p50)} / ${f1(h.p95)} | ${f1(r50)}× | ${f1(r95)}× |`
    )
    const limit =
      kind === "leaderboard" ? TARGETS.leaderboard_p95 : TARGETS.buyer_p95
    verdicts.push(
      `${kind}: p95 ≤ ${limit} ms ${h.p95 <= limit ? "met" : "MISSED"} (${f1(h.p95)}); ≥ ${TARGETS.speedup}× raw ${r50 >= TARGETS.speedup && r95 >= TARGETS.speedup ? "met" : "MISSED"} (p50 ${f1(r50)}×, p95 ${f1(r95)}×)`
    )
  }
  lines.push(`\nCSV rows in the busiest buyer's answer: ${csvRows}`)
  lines.push(
    `Ledger writes by the server's jobs during the load: ${background.settlements} settlements, ${background.entries_updated} entries updated in the last hour; the approval job run between the checks approved ${approvals.moved} entries`
  )
  lines.push(
    "\n| check: report = raw GROUP BY at one ledger state (busiest buyer; leaderboard) | ok | attempts | differences |"
  )
  lines.push("|---|---|---|---|")
  for (const c of checks) {
    lines.push(
      `| ${c.name} | ${c.ok ? "yes" : "NO"} | ${c.attempts} | ${c.problems.join("; ") || "-"} |`
    )
  }
  if (writes) {
    const c = writes.clicks
    const l = writes.ledger
    lines.push(
      "\n| recordClicks, batches of 500 | batches | clicks/s | batch p50 ms | batch p95 ms |"
    )
    lines.push("|---|---|---|---|---|")
    const clickLabels = {
      off: "rollup trigger off",
      on: "append + fold every second (shipped)",
      direct: "trigger upserting the rollups (before the fold)",
    }
    for (const m of ["off", "on", "direct"]) {
      lines.push(
        `| ${clickLabels[m]} | ${c[m].batches} | ${Math.round(c[m].clicks_per_s)} | ${f1(c[m].batch_p50_ms)} | ${f1(c[m].batch_p95_ms)} |`
      )
    }
    const cr = c.on.clicks_per_s / c.off.clicks_per_s
    lines.push(
      `\nratio on ÷ off: ${cr.toFixed(2)}; direct ÷ off: ${(c.direct.clicks_per_s / c.off.clicks_per_s).toFixed(2)}; the folds of the on rounds: ${c.fold.count} folds, ${c.fold.clicks} clicks, ${f1(c.fold.ms_per_1000_clicks)} ms per 1,000 clicks`
    )
    verdicts.push(
      `click ingestion with rollups ≥ ${TARGETS.clicks}× without: ${cr >= TARGETS.clicks ? "met" : "MISSED"} (${cr.toFixed(2)}×)`
    )
    // BENCH_LEDGER_ORDERS=0 skips the ledger path.
    if (l) {
      lines.push(
        "\n| ledger path, 4 orders at a time | orders | lines | s | lines/s | orders/s | lines/s per round |"
      )
      lines.push("|---|---|---|---|---|---|---|")
      for (const m of ["off", "on", "direct"]) {
        lines.push(
          `| rollup triggers ${m} | ${l[m].orders} | ${l[m].lines} | ${f1(l[m].seconds)} | ${f1(l[m].lines_per_s)} | ${f1(l[m].orders_per_s)} | ${l[m].round_lines_per_s.map(f1).join(" · ")} |`
        )
      }
      const lr = l.on.lines_per_s / l.off.lines_per_s
      lines.push(
        `\nratio on ÷ off: ${lr.toFixed(2)}; the ledger folds of the on rounds: ${l.fold.count} folds, ${l.fold.deltas} deltas, ${f1(l.fold.ms / 1000)} s`
      )
      verdicts.push(
        `ledger path within 10 %: ${lr >= TARGETS.ledger ? "met" : "MISSED"} (${lr.toFixed(2)}×)`
      )
    }
  }
  lines.push("\nTargets:")
  for (const v of verdicts) {
    lines.push(`- ${v}`)
  }
  console.log(lines.join("\n"))
  writeFileSync(
    path.join(dataDir, "reports-run.json"),
    JSON.stringify(
      { seeded, size, http, raw, checks, approvals, writes },
      null,
      2
    )
  )
  if (!checks.every((c) => c.ok)) {
    process.exitCode = 1
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
