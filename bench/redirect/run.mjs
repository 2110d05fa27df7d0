#!/usr/bin/env node
// Redirect benchmark: GET /r/{code} with click recording on, beside Medusa's
// own GET /health on the same server in the same run, with autocannon
// (20 s runs): requests/s at 64 connections, p50/p99 at 8 connections, and
// clicks sent vs stored after the sink drained. Once with the in-process
// sink, once with the Redis (BullMQ) queue.
// Usage: npm run bench:redirect
// Env: BENCH_DATABASE_URL (default postgres://postgres@localhost:5432/notes_bench_redirect),
//      BENCH_REDIS_URL (redis://127.0.0.1:6379), BENCH_DURATION (20), BENCH_PORT (9200),
//      BENCH_MODES (memory,bullmq).
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
const MODES = (process.env.BENCH_MODES ?? "memory,bullmq").split(",")
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

function cannon(opts) {
  return new Promise((resolve, reject) =>
    autocannon({ duration: DURATION, ...opts }, (err, res) =>
      err ? reject(err) : resolve(res)
    )
  )
}

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
  log("migrating and seeding…")
  await run(["db:migrate"])
  await run(["exec", "./scripts/seed-demo.ts"])
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  // Buy links of published notes by approved buyers (earning clicks).
  const { rows } = await client.query(
    `select np.code from note_product np join note n on n.id = np.note_id
     where n.status = 'published' and n.buyer_id is not null and np.deleted_at is null order by np.code`
  )
  const codes = rows.map((r) => r.code)
  const results = []

  for (const mode of MODES) {
    const env = {
      ...baseEnv,
      ...(mode === "bullmq"
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
      let i = 0
      const redirect = (connections) =>
        cannon({
          url: base,
          connections,
          headers: { "user-agent": UA },
          requests: [
            {
              setupRequest: (req) => ({
                ...req,
                path: `/r/${codes[i++ % codes.length]}`,
              }),
            },
          ],
        })
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
      `| ${r.mode} | ${Math.round(r.h64.requests.average)} | ${Math.round(r.r64.requests.average)} | ${(r.r64.requests.average / r.h64.requests.average).toFixed(2)}× | ${r.h8.latency.p50} / ${r.h8.latency.p99} | ${r.r8.latency.p50} / ${r.r8.latency.p99} | ${r.clicksSent} | ${r.stored} | ${r.clicksSent - r.stored} |`
    )
  }
  console.log(lines.join("\n"))
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
