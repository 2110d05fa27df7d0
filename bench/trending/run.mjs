#!/usr/bin/env node
// Trending benchmark (issue 15): 100,000 published notes and 1,000,000
// likes and saves seeded set-based; HTTP p50/p95 of
// GET /store/notes?sort=trending at 4 connections (with the newest order and
// GET /health on the same server in the same run as baselines); then the
// page query itself (the stored, indexed score) against the same ranking
// computed over the raw tables (reaction rows aggregated per note), each at
// 4 connections; and the like path: BENCH_LIKERS customers liking and
// unliking the most popular note at 8 connections (GET /health, an
// authenticated GET /store/customers/me, and the same likes spread over a
// note per connection, at 8, as same-run baselines), the counters checked
// exact afterwards.
// Usage: node bench/trending/run.mjs
// Env: BENCH_DATABASE_URL (default postgres://postgres@localhost:5432/notes_bench_trending),
//      BENCH_NOTES (100000), BENCH_REACTIONS_PER_NOTE (up to 20, mean 10),
//      BENCH_DURATION (seconds per run, 10), BENCH_PORT (9101),
//      BENCH_LIKERS (64), BENCH_RESEED=1 to rebuild the data.
import os from "node:os"
import pg from "pg"
import { benchEnv, ensureDatabase, medusaRun, startServer } from "../lib.mjs"
import { load } from "../load.mjs"

const url =
  process.env.BENCH_DATABASE_URL ??
  "postgres://postgres@localhost:5432/notes_bench_trending"
const N = Number(process.env.BENCH_NOTES ?? 100_000)
const DURATION = Number(process.env.BENCH_DURATION ?? 10)
const PORT = Number(process.env.BENCH_PORT ?? 9101)
/** Customers of the like phase: an equal share per connection. */
const LIKE_CONNECTIONS = 8
const LIKERS = Number(process.env.BENCH_LIKERS ?? 64)
const log = (m) => console.error(`[bench] ${m}`)
const env = benchEnv(url, PORT, {
  // `medusa start` runs in production mode, which requires the IP hash key.
  NOTES_IP_HASH_SECRET:
    process.env.NOTES_IP_HASH_SECRET ?? "bench-only-ip-hash-secret-0123456789",
})
const run = (args) => medusaRun(env, args)

/**
 * `count` customers registered and logged in through the store API (as a
 * storefront does): their bearer tokens.
 */
async function customers(base, key, count) {
  const tag = Date.now().toString(36)
  const call = async (path, body, token) => {
    const res = await fetch(`${base}${path}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-publishable-api-key": key,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    })
    if (!res.ok) {
      throw new Error(`${path}: ${res.status} ${await res.text()}`)
    }
    return res.json()
  }
  const one = async (i) => {
    const creds = {
      email: `liker-${tag}-${i}@bench.test`,
      password: "bench-liker",
    }
    const { token } = await call("/auth/customer/emailpass/register", creds)
    await call("/store/customers", { email: creds.email }, token)
    return (await call("/auth/customer/emailpass", creds)).token
  }
  const tokens = []
  for (let i = 0; i < count; i += 8) {
    tokens.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(8, count - i) }, (_, k) => one(i + k))
      ))
    )
  }
  return tokens
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
  // The like phase's note: the top of the trending feed; and the spread
  // phase's, one per connection (the second page).
  const popular = (await client.query(STORED, [0])).rows[0].id
  const spreadNotes = (await client.query(STORED, [20])).rows
    .slice(0, LIKE_CONNECTIONS)
    .map((r) => r.id)
  // The store's publishable key, from this database (the demo seed's
  // .demo-data/demo.json is shared with every other run of the seed).
  const publishableKey = (
    await client.query(
      `select token from api_key where type = 'publishable' and revoked_at is null
       and deleted_at is null order by created_at limit 1`
    )
  ).rows[0].token
  await client.end()

  const loadBefore = os.loadavg()[0]
  log("starting the server…")
  const { base, stop } = await startServer(env)
  const http = []
  const likes = []
  let likeCheck
  let loadLikes
  try {
    const headers = { "x-publishable-api-key": publishableKey }
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

    // The like path: each connection's customers like the popular note one
    // after the other, then unlike it, and so on; every request changes
    // the counter (no idempotent no-ops).
    log(`registering ${LIKERS} customers…`)
    const tokens = await customers(base, publishableKey, LIKERS)
    const per = Math.floor(LIKERS / LIKE_CONNECTIONS)
    const likesCount = async () => {
      const res = await fetch(`${base}/store/notes/${popular}`, { headers })
      return (await res.json()).note.likes_count
    }
    const before = await likesCount()
    // The i-th request of connection c continues its sequence across the
    // warm-up and the measured run: customer c * per + (j % per), a like in
    // even rounds of j / per, an unlike in odd ones.
    const sent = Array(LIKE_CONNECTIONS).fill(0)
    const request = (c) => {
      const j = sent[c]++
      return {
        path: `/store/notes/${popular}/like`,
        method: Math.floor(j / per) % 2 === 0 ? "POST" : "DELETE",
        headers: { authorization: `Bearer ${tokens[c * per + (j % per)]}` },
      }
    }
    const likeRun = (durationMs) =>
      load({
        base,
        paths: [],
        headers,
        connections: LIKE_CONNECTIONS,
        durationMs,
        request,
      })
    const warm = await likeRun(2000) // warm up (its likes count in the check)
    loadLikes = os.loadavg()[0]
    likes.push({
      kind: "GET /health (baseline)",
      ...(await load({
        base,
        paths: ["/health"],
        headers,
        connections: LIKE_CONNECTIONS,
        durationMs: DURATION * 1000,
      })),
    })
    // An authenticated read at 8 connections: what the framework costs a
    // logged-in request (session, token, publishable key) before any like.
    likes.push({
      kind: "GET /store/customers/me (authenticated baseline)",
      ...(await load({
        base,
        paths: [],
        headers,
        connections: LIKE_CONNECTIONS,
        durationMs: DURATION * 1000,
        request: (c) => ({
          path: "/store/customers/me",
          headers: { authorization: `Bearer ${tokens[c * per]}` },
        }),
      })),
    })
    // The same likes and unlikes, each connection on a note of its own:
    // no two requests wait for the same row lock. Against the one-note run
    // below, the cost of queueing on one note's lock.
    const spreadSent = Array(LIKE_CONNECTIONS).fill(0)
    const spread = await load({
      base,
      paths: [],
      headers,
      connections: LIKE_CONNECTIONS,
      durationMs: DURATION * 1000,
      request: (c) => {
        const j = spreadSent[c]++
        return {
          path: `/store/notes/${spreadNotes[c]}/like`,
          method: Math.floor(j / per) % 2 === 0 ? "POST" : "DELETE",
          headers: { authorization: `Bearer ${tokens[c * per + (j % per)]}` },
        }
      },
    })
    likes.push({
      kind: `POST/DELETE …/like, a note per connection (${LIKE_CONNECTIONS} notes)`,
      ...spread,
    })
    const measured = await likeRun(DURATION * 1000)
    likes.push({
      kind: `POST/DELETE /store/notes/{id}/like, one note (${LIKERS} customers)`,
      ...measured,
    })
    // A customer likes the note iff their last request was a like.
    let liked = 0
    for (let c = 0; c < LIKE_CONNECTIONS; c++) {
      for (let k = 0; k < per; k++) {
        const n = sent[c]
        if (n - 1 - k < 0) {
          continue
        }
        const j = n - 1 - ((n - 1 - k) % per)
        if (Math.floor(j / per) % 2 === 0) {
          liked++
        }
      }
    }
    const after = await likesCount()
    const check = new pg.Client({ connectionString: url })
    await check.connect()
    const { rows: counted } = await check.query(
      `select count(*)::int as n from note_reaction
       where note_id = $1 and kind = 'like' and deleted_at is null`,
      [popular]
    )
    // The spread phase's notes: each counter equals its live like rows.
    const { rows: spreadOff } = await check.query(
      `select n.id from note n where n.id = any($1) and n.likes_count <>
         (select count(*) from note_reaction r where r.note_id = n.id
          and r.kind = 'like' and r.deleted_at is null)`,
      [spreadNotes]
    )
    await check.end()
    if (spreadOff.length) {
      throw new Error(`like counters not exact: ${JSON.stringify(spreadOff)}`)
    }
    likeCheck = {
      before,
      after,
      rows: counted[0].n,
      expected: liked,
      errors: warm.errors + measured.errors + spread.errors,
    }
    // This run's customers liked nothing before: the counter moved by
    // exactly their likes, and equals the live like rows.
    if (
      after !== counted[0].n ||
      after - before !== liked ||
      likeCheck.errors
    ) {
      throw new Error(`like counter not exact: ${JSON.stringify(likeCheck)}`)
    }
  } finally {
    stop()
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
    "",
    `| likes on ${popular}, ${LIKE_CONNECTIONS} connections, ${DURATION} s each (load ${loadLikes.toFixed(2)}) | p50 ms | p95 ms | p99 ms | req/s | errors |`,
    "|---|---|---|---|---|---|",
    ...likes.map(
      (h) =>
        `| ${h.kind} | ${f(h.p50)} | ${f(h.p95)} | ${f(h.p99)} | ${Math.round(h.rps)} | ${h.errors} |`
    ),
    "",
    `one-note like ÷ health: ${(likes[3].p50 / likes[0].p50).toFixed(1)}× at p50, ${(likes[3].p95 / likes[0].p95).toFixed(1)}× at p95; ÷ authenticated read: ${(likes[3].p50 / likes[1].p50).toFixed(2)}× / ${(likes[3].p95 / likes[1].p95).toFixed(2)}×; ÷ a note per connection: ${(likes[3].p50 / likes[2].p50).toFixed(2)}× / ${(likes[3].p95 / likes[2].p95).toFixed(2)}×`,
    `counter exact: likes_count ${likeCheck.before} → ${likeCheck.after} = ${likeCheck.rows} live like rows; +${likeCheck.after - likeCheck.before} = the ${likeCheck.expected} customers whose last request was a like`,
  ]
  console.log(lines.join("\n"))
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
