#!/usr/bin/env node
// Search benchmark: 100,000 notes, HTTP p50/p95 of GET /store/notes?q= at 4
// connections per query kind (with GET /health on the same server in the
// same run as the baseline), and the search query itself against a plain
// ILIKE scan of the same table. Usage: npm run bench:search
// Env: BENCH_DATABASE_URL (default postgres://postgres@localhost:5432/notes_bench),
//      BENCH_NOTES (100000), BENCH_DURATION (seconds per HTTP run, 10),
//      BENCH_PORT (9100), BENCH_RESEED=1 to rebuild the data.
import fs from "node:fs"
import path from "node:path"
import { fileURLToPath } from "node:url"
import pg from "pg"
import corpus from "./corpus.cjs"
import { benchEnv, ensureDatabase, medusaRun, startServer } from "../lib.mjs"
import { load } from "../load.mjs"

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..")
const url =
  process.env.BENCH_DATABASE_URL ??
  "postgres://postgres@localhost:5432/notes_bench"
const N = Number(process.env.BENCH_NOTES ?? 100_000)
const DURATION = Number(process.env.BENCH_DURATION ?? 10)
const PORT = Number(process.env.BENCH_PORT ?? 9100)
const log = (m) => console.error(`[bench] ${m}`)
const env = benchEnv(url, PORT)
const run = (args, options) => medusaRun(env, args, options)

async function seedNotes(client) {
  const { rows } = await client.query(
    "select count(*)::int as n from note where id like 'note_bench%'"
  )
  if (rows[0].n >= N) {
    log(`${rows[0].n} notes already there`)
    return null
  }
  const products = (
    await client.query("select id from product order by id")
  ).rows.map((r) => r.id)
  const r = corpus.rng(42)
  const started = Date.now()
  const batch = 1000
  const now = Date.now()
  for (let i = rows[0].n; i < N; i += batch) {
    const notes = []
    for (let j = i; j < Math.min(N, i + batch); j++) {
      notes.push(corpus.makeNote(j, r))
    }
    const values = []
    const params = []
    notes.forEach((n, k) => {
      const publishedAt = new Date(now - (N - (i + k)) * 60_000)
      params.push(n.id, n.title, n.body, n.tags, n.locale, publishedAt)
      const b = k * 6
      values.push(
        `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, 'published', $${b + 5}, $${b + 6}, '[]'::jsonb)`
      )
    })
    await client.query(
      `insert into note (id, title, body, tags, status, locale, published_at, images) values ${values.join(", ")}`,
      params
    )
    const np = []
    const npParams = []
    notes.forEach((n, k) => {
      const count = 1 + (k % 2)
      for (let t = 0; t < count; t++) {
        const b = npParams.length
        npParams.push(
          `${n.id}_p${t}`,
          n.id,
          products[(i + k + t * 5) % products.length],
          t,
          `B${n.id.slice(-7)}${t}xyz`.slice(0, 12)
        )
        np.push(`($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5})`)
      }
    })
    await client.query(
      `insert into note_product (id, note_id, product_id, position, code) values ${np.join(", ")}`,
      npParams
    )
  }
  await client.query("vacuum analyze note")
  await client.query("vacuum analyze note_product")
  return (Date.now() - started) / 1000
}

async function main() {
  await ensureDatabase(url, { reseed: !!process.env.BENCH_RESEED })
  log("migrating…")
  await run(["db:migrate"])
  log("seeding store data…")
  await run(["exec", "./scripts/seed-demo.ts"])
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  log(`inserting ${N} notes…`)
  const insertSeconds = await seedNotes(client)
  const { rows: size } = await client.query(
    `select count(*)::int as notes,
       pg_size_pretty(pg_total_relation_size('note')) as table_size,
       pg_size_pretty(pg_relation_size('"IDX_note_search_vector"')) as index_size
     from note`
  )
  await client.end()
  const demo = JSON.parse(
    fs.readFileSync(path.join(root, ".demo-data", "demo.json"), "utf8")
  )

  log("starting the server…")
  const { base, stop } = await startServer(env)
  const http = []
  try {
    const headers = { "x-publishable-api-key": demo.publishable_key }
    const run = (paths, durationMs = DURATION * 1000) =>
      load({ base, paths, headers, connections: 4, durationMs })
    await run(["/store/notes?q=cream"], 3000) // warm up
    http.push({
      kind: "GET /health (same server, baseline)",
      ...(await run(["/health"])),
    })
    http.push({
      kind: "GET /store/notes (no q)",
      ...(await run(["/store/notes"])),
    })
    for (const [kind, queries] of Object.entries(corpus.QUERIES)) {
      const paths = queries.map(
        (q) => `/store/notes?q=${encodeURIComponent(q)}`
      )
      http.push({ kind, ...(await run(paths)) })
    }
  } finally {
    stop()
  }

  log("timing the search query against an ILIKE scan…")
  const out = await run(["exec", "./bench/search/sql-bench.ts"], {
    capture: true,
  })
  const line = out.split("\n").find((l) => l.includes("SQLBENCH "))
  const sql = JSON.parse(line.slice(line.indexOf("SQLBENCH ") + 9))

  const lines = []
  lines.push(
    `notes: ${size[0].notes}, table ${size[0].table_size}, search index ${size[0].index_size}` +
      (insertSeconds ? `, inserted in ${insertSeconds.toFixed(1)} s` : "")
  )
  lines.push("")
  lines.push(
    "| HTTP, 4 connections, " +
      DURATION +
      " s each | p50 ms | p95 ms | p99 ms | req/s | errors |"
  )
  lines.push("|---|---|---|---|---|---|")
  for (const h of http) {
    lines.push(
      `| ${h.kind} | ${h.p50.toFixed(1)} | ${h.p95.toFixed(1)} | ${h.p99.toFixed(1)} | ${Math.round(h.rps)} | ${h.errors} |`
    )
  }
  lines.push("")
  lines.push(
    "| query itself | matches | search p50 / p95 ms | ILIKE scan p50 / p95 ms | ratio (p50) |"
  )
  lines.push("|---|---|---|---|---|")
  for (const s of sql.results) {
    lines.push(
      `| ${s.kind} | ${s.matches_per_query} (ILIKE ${s.ilike_matches_per_query}) | ${s.search_p50_ms} / ${s.search_p95_ms} | ${s.ilike_p50_ms} / ${s.ilike_p95_ms} | ${s.speedup_p50}× |`
    )
  }
  lines.push("")
  lines.push(`plan, 2-character Chinese: ${sql.plan_2char_chinese}`)
  console.log(lines.join("\n"))
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
