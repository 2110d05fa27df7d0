#!/usr/bin/env node
// Trending benchmark (issue 15): 100,000 published notes and 1,000,000
// likes and saves seeded set-based; HTTP p50/p95 of
// GET /store/notes?sort=trending at 4 connections (with the newest order and
// GET /health on the same server in the same run as baselines); then the
// page query itself (the stored, indexed score) against the same ranking
// computed over the raw tables (reaction rows aggregated per note), each at
// 4 connections. Usage: node bench/trending/run.mjs
// Env: BENCH_DATABASE_URL (default postgres://postgres@localhost:5432/notes_bench_trending),
//      BENCH_NOTES (100000), BENCH_REACTIONS_PER_NOTE (up to 20, mean 10),
//      BENCH_DURATION (seconds per run, 10), BENCH_PORT (9101),
//      BENCH_RESEED=1 to rebuild the data.
import { spawn } from "node:child_process"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { fileURLToPath } from "node:url"
import pg from "pg"
import { ensureDatabase, waitForHealth } from "../lib.mjs"
import { load } from "../load.mjs"

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..")
const url =
  process.env.BENCH_DATABASE_URL ??
  "postgres://postgres@localhost:5432/notes_bench_trending"
const N = Number(process.env.BENCH_NOTES ?? 100_000)
const DURATION = Number(process.env.BENCH_DURATION ?? 10)
const PORT = Number(process.env.BENCH_PORT ?? 9101)
const log = (m) => console.error(`[bench] ${m}`)
const medusa = path.join(root, "node_modules", ".bin", "medusa")
const env = {
  ...process.env,
  DATABASE_URL: url,
  MEDUSA_DISABLE_TELEMETRY: "true",
  MEDUSA_ADMIN_DISABLED: "true",
  LOG_LEVEL: "warn",
  PORT: String(PORT),
  // `medusa start` runs in production mode, which requires the IP hash key.
  NOTES_IP_HASH_SECRET:
    process.env.NOTES_IP_HASH_SECRET ?? "bench-only-ip-hash-secret-0123456789",
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

/**
 * Notes published a minute apart, and per note `(g * 7919) % 21` reactions
 * (0..20, mean 10: 1,000,000 at 100,000 notes), every fifth a save, from
 * distinct customers. Set-based: a few statements, not a row at a time.
 * The counters are then set from the rows, which fires the trending
 * trigger on every note, as likes and saves do one by one.
 */
async function seed(client) {
  const { rows } = await client.query(
    "select count(*)::int as n from note where id like 'note_trend_%'"
  )
  if (rows[0].n >= N) {
    log(`${rows[0].n} notes already there`)
    return null
  }
  const started = Date.now()
  await client.query(
    `insert into note (id, title, body, tags, status, published_at, images)
     select 'note_trend_' || lpad(g::text, 7, '0'), 'Trending bench note ' || g,
       'A bench note.', array['bench'], 'published',
       now() - ((${N} - g) * interval '1 minute'), '[]'::jsonb
     from generate_series(1, ${N}) g`
  )
  await client.query(
    `insert into note_reaction (id, note_id, customer_id, kind)
     select 'nreact_trend_' || g || '_' || k, 'note_trend_' || lpad(g::text, 7, '0'),
       'cus_trend_' || k, case when k % 5 = 0 then 'save' else 'like' end
     from generate_series(1, ${N}) g, generate_series(1, (g * 7919) % 21) k`
  )
  await client.query(
    `update note n set likes_count = r.likes, saves_count = r.saves
     from (select note_id, count(*) filter (where kind = 'like')::int as likes,
             count(*) filter (where kind = 'save')::int as saves
           from note_reaction group by note_id) r
     where r.note_id = n.id`
  )
  await client.query("vacuum analyze note")
  await client.query("vacuum analyze note_reaction")
  return (Date.now() - started) / 1000
}

/** The page query the route runs (utils/search-sql.ts, `order: trending`). */
const STORED = `SELECT n.id FROM note n
  WHERE n.deleted_at IS NULL AND n.status IN ('published') AND n.author_listed = true
  ORDER BY n.trending_score DESC, n.id DESC LIMIT 20 OFFSET $1`

/** The same ranking from the raw rows, with the default options. */
const RAW = `SELECT n.id FROM note n
  LEFT JOIN (SELECT note_id, count(*) FILTER (WHERE kind = 'like') AS likes,
               count(*) FILTER (WHERE kind = 'save') AS saves
             FROM note_reaction WHERE deleted_at IS NULL GROUP BY note_id) r
    ON r.note_id = n.id
  WHERE n.deleted_at IS NULL AND n.status = 'published' AND n.author_listed
  ORDER BY log(1 + coalesce(r.likes, 0) + 2 * coalesce(r.saves, 0)
               + 3 * n.comments_count + 0.5 * n.clicks_count + 5 * n.orders_count)
           + extract(epoch FROM n.published_at) / 86400 DESC, n.id DESC
  LIMIT 20 OFFSET $1`

/** `sql` at 4 connections for `ms`: exact percentiles, as load.mjs. */
async function timeSql(sql, ms) {
  const latencies = []
  const deadline = Date.now() + ms
  await Promise.all(
    Array.from({ length: 4 }, async (_, c) => {
      const client = new pg.Client({ connectionString: url })
      await client.connect()
      let i = c
      while (Date.now() < deadline) {
        const t = process.hrtime.bigint()
        await client.query(sql, [(i++ % 5) * 20])
        latencies.push(Number(process.hrtime.bigint() - t) / 1e6)
      }
      await client.end()
    })
  )
  latencies.sort((a, b) => a - b)
  const pct = (p) =>
    latencies[
      Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))
    ]
  return { n: latencies.length, p50: pct(50), p95: pct(95) }
}

async function main() {
  await ensureDatabase(url, { reseed: !!process.env.BENCH_RESEED })
  log("migrating…")
  await run(["db:migrate"])
  log("seeding store data…")
  await run(["exec", "./scripts/seed-demo.ts"])
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  log(`inserting ${N} notes and their reactions…`)
  const seedSeconds = await seed(client)
  const { rows: size } = await client.query(
    `select (select count(*)::int from note) as notes,
       (select count(*)::int from note_reaction) as reactions,
       pg_size_pretty(pg_relation_size('"IDX_note_trending"')) as index_size`
  )
  // The stored order equals the raw one (the first five pages).
  for (let offset = 0; offset < 100; offset += 20) {
    const a = (await client.query(STORED, [offset])).rows.map((r) => r.id)
    const b = (await client.query(RAW, [offset])).rows.map((r) => r.id)
    if (JSON.stringify(a) !== JSON.stringify(b)) {
      throw new Error(`stored and raw orders differ at offset ${offset}`)
    }
  }
  const plan = (await client.query(`EXPLAIN ${STORED.replace("$1", "0")}`)).rows
    .map((r) => r["QUERY PLAN"])
    .join(" / ")
  await client.end()
  const demo = JSON.parse(
    fs.readFileSync(path.join(root, ".demo-data", "demo.json"), "utf8")
  )

  const loadBefore = os.loadavg()[0]
  log("starting the server…")
  const server = spawn(medusa, ["start"], {
    cwd: root,
    env,
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  })
  const base = `http://localhost:${PORT}`
  const http = []
  try {
    await waitForHealth(base)
    const headers = { "x-publishable-api-key": demo.publishable_key }
    const go = (paths, durationMs = DURATION * 1000) =>
      load({ base, paths, headers, connections: 4, durationMs })
    const pages = [0, 20, 40, 60, 80].map(
      (o) => `/store/notes?sort=trending&offset=${o}`
    )
    await go(pages, 3000) // warm up (and the options' config check)
    http.push({ kind: "GET /health (baseline)", ...(await go(["/health"])) })
    http.push({
      kind: "GET /store/notes (newest)",
      ...(await go(pages.map((p) => p.replace("sort=trending&", "")))),
    })
    http.push({
      kind: "GET /store/notes?sort=trending",
      ...(await go(pages)),
    })
  } finally {
    try {
      process.kill(-server.pid, "SIGTERM")
    } catch {
      // Gone.
    }
  }

  log("timing the page query against the raw-table ranking…")
  const stored = await timeSql(STORED, DURATION * 1000)
  const raw = await timeSql(RAW, DURATION * 1000)

  const f = (x) => x.toFixed(1)
  const lines = [
    `notes: ${size[0].notes}, reactions: ${size[0].reactions}, trending index ${size[0].index_size}` +
      (seedSeconds ? `, seeded in ${seedSeconds.toFixed(1)} s` : "") +
      `; load average ${loadBefore.toFixed(2)} before, ${os.loadavg()[0].toFixed(2)} after`,
    "",
    `| HTTP, 4 connections, ${DURATION} s each | p50 ms | p95 ms | p99 ms | req/s | errors |`,
    "|---|---|---|---|---|---|",
    ...http.map(
      (h) =>
        `| ${h.kind} | ${f(h.p50)} | ${f(h.p95)} | ${f(h.p99)} | ${Math.round(h.rps)} | ${h.errors} |`
    ),
    "",
    `| page query, 4 connections, ${DURATION} s each | queries | p50 ms | p95 ms |`,
    "|---|---|---|---|",
    `| stored score (index walk) | ${stored.n} | ${f(stored.p50)} | ${f(stored.p95)} |`,
    `| raw tables (aggregate 1M reactions) | ${raw.n} | ${f(raw.p50)} | ${f(raw.p95)} |`,
    "",
    `raw ÷ stored: ${(raw.p50 / stored.p50).toFixed(0)}× at p50, ${(raw.p95 / stored.p95).toFixed(0)}× at p95; the first five pages are identical in both orders`,
    `plan: ${plan}`,
  ]
  console.log(lines.join("\n"))
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
