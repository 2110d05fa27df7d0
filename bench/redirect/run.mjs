#!/usr/bin/env node
// Redirect benchmark: GET /r/{code} with click recording on, beside Medusa's
// own GET /health on the same server in the same run, with autocannon
// (20 s runs): requests/s at 64 connections, p50/p99 at 8 connections, and
// clicks sent vs stored after the sink drained. Once with the in-process
// sink, once with the Redis (BullMQ) queue. Mode `edge`: the standalone edge
// (src/edge, BullMQ, Medusa's worker draining the queue) beside a bare
// node:http server answering a fixed 302 (the physical floor), same run.
// Usage: npm run bench:redirect
// Env: BENCH_DATABASE_URL (default postgres://postgres@localhost:5432/notes_bench_redirect),
//      BENCH_REDIS_URL (redis://127.0.0.1:6379), BENCH_DURATION (20), BENCH_PORT (9200:
//      Medusa; the edge takes the next port, the bare server the one after),
//      BENCH_MODES (memory,bullmq,edge), BENCH_SKIP_SEED=1 (the database is
//      already migrated and seeded), BENCH_EDGE_TIMING=1 (the edge's per-phase
//      histograms, EDGE_TIMING, printed after each edge run).
import autocannon from "autocannon"
import { spawn } from "node:child_process"
import path from "node:path"
import { fileURLToPath } from "node:url"
import pg from "pg"
import { ensureDatabase, waitForHealth } from "../lib.mjs"

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..")
const url =
  process.env.BENCH_DATABASE_URL ??
  "postgres://postgres@localhost:5432/notes_bench_redirect"
const redisUrl = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379"
const DURATION = Number(process.env.BENCH_DURATION ?? 20)
const PORT = Number(process.env.BENCH_PORT ?? 9200)
const MODES = (process.env.BENCH_MODES ?? "memory,bullmq,edge").split(",")
const EDGE_PORT = PORT + 1
const BARE_PORT = PORT + 2
const medusa = path.join(root, "node_modules", ".bin", "medusa")
const log = (m) => console.error(`[bench] ${m}`)
const UA =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"

const baseEnv = {
  ...process.env,
  DATABASE_URL: url,
  MEDUSA_DISABLE_TELEMETRY: "true",
  MEDUSA_ADMIN_DISABLED: "true",
  LOG_LEVEL: "warn",
  PORT: String(PORT),
  // `medusa start` runs in production mode, which requires the key; the
  // edge takes the same one, so both hash IPs alike.
  NOTES_IP_HASH_SECRET:
    process.env.NOTES_IP_HASH_SECRET ?? "bench-redirect-ip-hash-key-0123456789",
}
delete baseEnv.REDIS_URL

function run(args, env = baseEnv) {
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

/** Starts a child process and resolves once it prints `ready`. */
function startChild(cmd, args, env, ready) {
  const child = spawn(cmd, args, {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "inherit"],
    detached: true,
  })
  return new Promise((resolve, reject) => {
    let out = ""
    child.stdout.on("data", (d) => {
      out += d
      if (out.includes(ready)) {
        resolve(child)
      }
    })
    child.on("exit", (code) => reject(new Error(`${cmd}: exit ${code}`)))
  })
}

function cannon(opts) {
  return new Promise((resolve, reject) =>
    autocannon({ duration: DURATION, ...opts }, (err, res) =>
      err ? reject(err) : resolve(res)
    )
  )
}

let next = 0
/** Buy-link requests, one code after the other, from a browser. */
const redirects = (base, codes, connections) =>
  cannon({
    url: base,
    connections,
    headers: { "user-agent": UA },
    requests: [
      {
        setupRequest: (req) => ({
          ...req,
          path: `/r/${codes[next++ % codes.length]}`,
        }),
      },
    ],
  })

const sent = (res) =>
  Object.entries(res.statusCodeStats ?? {}).reduce(
    (n, [code, s]) => n + (code === "302" ? s.count : 0),
    0
  )

/** Waits until the stored click count stops moving (the sink drained). */
async function drained(client) {
  let stored = -1
  for (let k = 0, last = -2; k < 120 && stored !== last; k++) {
    last = stored
    await new Promise((r) => setTimeout(r, 1500))
    stored = Number(
      (await client.query("select count(*) from referral_click")).rows[0].count
    )
  }
  return stored
}

async function main() {
  await ensureDatabase(url)
  if (process.env.BENCH_SKIP_SEED !== "1") {
    log("migrating and seeding…")
    await run(["db:migrate"])
    await run(["exec", "./scripts/seed-demo.ts"])
  }
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  // Buy links of published notes by approved buyers (earning clicks).
  const { rows } = await client.query(
    `select np.code from note_product np join note n on n.id = np.note_id
     where n.status = 'published' and n.buyer_id is not null and np.deleted_at is null order by np.code`
  )
  const codes = rows.map((r) => r.code)
  const results = []
  let edgeResults = null

  for (const mode of MODES) {
    const env = {
      ...baseEnv,
      // The edge run needs the queue too: the edge sends its clicks to it,
      // and Medusa's worker drains them.
      ...(mode === "bullmq" || mode === "edge"
        ? {
            NOTES_CLICK_REDIS_URL: redisUrl,
            NOTES_CLICK_QUEUE: `notes-clicks-bench-${process.pid}`,
          }
        : {}),
    }
    await client.query("truncate referral_click")
    log(`${mode}: starting the server…`)
    const server = spawn(medusa, ["start"], {
      cwd: root,
      env,
      stdio: ["ignore", "ignore", "inherit"],
      detached: true,
    })
    const base = `http://localhost:${PORT}`
    try {
      await waitForHealth(base)
      const redirect = (connections) => redirects(base, codes, connections)
      await cannon({ url: `${base}/health`, connections: 8, duration: 3 }) // warm up
      await redirect(8).then(() => undefined) // warm up the code cache and the sink
      await drained(client)
      await client.query("truncate referral_click")
      const h64 = await cannon({ url: `${base}/health`, connections: 64 })
      const r64 = await redirect(64)
      const h8 = await cannon({ url: `${base}/health`, connections: 8 })
      const r8 = await redirect(8)
      const clicksSent = sent(r64) + sent(r8)
      const stored = await drained(client)
      results.push({ mode, h64, r64, h8, r8, clicksSent, stored })
      if (mode === "edge") {
        edgeResults = await benchEdge(env, codes, client)
      }
    } finally {
      try {
        process.kill(-server.pid, "SIGTERM")
      } catch {
        // gone
      }
      await new Promise((r) => setTimeout(r, 3000))
    }
  }
  await client.end()

  const lines = []
  lines.push(
    `| sink | /health req/s @64 | /r req/s @64 | ratio | /health p50 / p99 ms @8 | /r p50 / p99 ms @8 | clicks sent | stored | lost |`
  )
  lines.push("|---|---|---|---|---|---|---|---|---|")
  for (const r of results) {
    lines.push(
      `| ${r.mode === "edge" ? "bullmq (edge run)" : r.mode} | ${Math.round(r.h64.requests.average)} | ${Math.round(r.r64.requests.average)} | ${(r.r64.requests.average / r.h64.requests.average).toFixed(2)}× | ${r.h8.latency.p50} / ${r.h8.latency.p99} | ${r.r8.latency.p50} / ${r.r8.latency.p99} | ${r.clicksSent} | ${r.stored} | ${r.clicksSent - r.stored} |`
    )
  }
  if (edgeResults) {
    const e = edgeResults
    lines.push("")
    lines.push(
      `| server | req/s @64 | × bare | p50 / p99 ms @8 | clicks sent | stored | lost |`
    )
    lines.push("|---|---|---|---|---|---|---|")
    lines.push(
      `| bare node:http 302 | ${Math.round(e.b64.requests.average)} | 1.00× | ${e.b8.latency.p50} / ${e.b8.latency.p99} | – | – | – |`
    )
    lines.push(
      `| edge (BullMQ) | ${Math.round(e.e64.requests.average)} | ${(e.e64.requests.average / e.b64.requests.average).toFixed(2)}× | ${e.e8.latency.p50} / ${e.e8.latency.p99} | ${e.clicksSent} | ${e.stored} | ${e.clicksSent - e.stored} |`
    )
    lines.push(
      `| edge @8 while Medusa's worker drains the @64 run's clicks | – | – | ${e.e8d.latency.p50} / ${e.e8d.latency.p99} | – | – | – |`
    )
  }
  console.log(lines.join("\n"))
}

/**
 * The edge and the bare server, measured in the same run as Medusa (which
 * keeps running: its worker drains the edge's clicks from the queue).
 */
async function benchEdge(env, codes, client) {
  log("edge: starting the edge and the bare server…")
  const edge = await startChild(
    process.execPath,
    ["-r", "ts-node/register/transpile-only", "src/edge/bin.ts"],
    {
      ...env,
      PORT: String(EDGE_PORT),
      HOST: "127.0.0.1",
      REDIS_URL: env.NOTES_CLICK_REDIS_URL,
      CLICK_QUEUE_NAME: env.NOTES_CLICK_QUEUE,
      STOREFRONT_URL: "http://localhost:8000",
      IP_HASH_SECRET: env.NOTES_IP_HASH_SECRET,
      EDGE_TIMING: process.env.BENCH_EDGE_TIMING === "1" ? "1" : "",
    },
    "EDGE READY"
  )
  let bare = null
  try {
    bare = await startChild(
      process.execPath,
      ["bench/redirect/bare.mjs", String(BARE_PORT)],
      env,
      "BARE READY"
    )
    const hit = (port, connections) =>
      redirects(`http://127.0.0.1:${port}`, codes, connections)
    /** The edge's per-phase histograms since the last call (BENCH_EDGE_TIMING=1). */
    const timing = async (label) => {
      if (process.env.BENCH_EDGE_TIMING !== "1") {
        return
      }
      const t = await (
        await fetch(`http://127.0.0.1:${EDGE_PORT}/health?timing`)
      ).json()
      log(`edge timing, ${label}: ${JSON.stringify(t.timing)}`)
    }
    await hit(EDGE_PORT, 8) // warm up the code cache
    await hit(BARE_PORT, 8)
    await drained(client)
    await client.query("truncate referral_click")
    await timing("warm-up")
    const b64 = await hit(BARE_PORT, 64)
    const e64 = await hit(EDGE_PORT, 64)
    await timing("@64")
    // At once: Medusa's worker is still writing the @64 run's clicks (on
    // the same cores), as the earlier versions of this script measured @8.
    const e8d = await hit(EDGE_PORT, 8)
    await timing("@8 while the worker drains")
    // Then with the queue drained: the edge's own latency.
    const drainedBefore = await drained(client)
    await timing("idle while draining")
    const b8 = await hit(BARE_PORT, 8)
    const e8 = await hit(EDGE_PORT, 8)
    await timing("@8 after the drain")
    const clicksSent = sent(e64) + sent(e8d) + sent(e8)
    const stored = await drained(client)
    log(`edge: ${drainedBefore} clicks stored before the quiet @8 runs`)
    return { b64, e64, b8, e8, e8d, clicksSent, stored }
  } finally {
    for (const c of [edge, bare].filter(Boolean)) {
      try {
        process.kill(-c.pid, "SIGTERM")
      } catch {
        // gone
      }
    }
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
