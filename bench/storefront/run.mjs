#!/usr/bin/env node
// Storefront benchmark (issue 13): Lighthouse (mobile preset, Debian's
// Chromium) on the feed and a note page, and a note page's server response
// (GET /notes/{id} on the storefront) beside the store API call it wraps
// (GET /store/notes/{id}?region_id=… with the publishable key), both with
// autocannon at 8 connections in the same run: p50/p95 and the page/API ratio
// (the page's other call, the author's other notes, is measured beside them).
// It starts everything itself: a fresh database, the migrations, the demo
// seed, `medusa start` and `next start` (building the storefront only when
// its build is stale) on free ports, and stops them all at the end.
// Usage: npm run bench:storefront
// Env: BENCH_DATABASE_URL (default postgres://postgres@localhost:5432/notes_bench_storefront,
//      dropped and created again), BENCH_DURATION (20), BENCH_LH_RUNS (3),
//      CHROME_PATH (/usr/bin/chromium).
import autocannon from "autocannon"
import lighthouse from "lighthouse"
import { spawn } from "node:child_process"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { fileURLToPath } from "node:url"
import {
  ensureBuild,
  nextBin,
  storefrontDir,
  storefrontEnv,
} from "../../scripts/storefront.mjs"
import { ensureDatabase, waitForHealth } from "../lib.mjs"
import { freePort } from "../../scripts/free-port.cjs"

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..")
const url =
  process.env.BENCH_DATABASE_URL ??
  "postgres://postgres@localhost:5432/notes_bench_storefront"
const DURATION = Number(process.env.BENCH_DURATION ?? 20)
const LH_RUNS = Number(process.env.BENCH_LH_RUNS ?? 3)
const CHROME = process.env.CHROME_PATH ?? "/usr/bin/chromium"
const medusa = path.join(root, "node_modules", ".bin", "medusa")
const log = (m) => console.error(`[bench] ${m}`)
const children = []

/** Spawns in its own process group (stopped with its children at the end). */
function start(cmd, args, opts) {
  const child = spawn(cmd, args, {
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
    ...opts,
  })
  children.push(child)
  return child
}

function run(cmd, args, opts) {
  return new Promise((resolve, reject) => {
    const child = start(cmd, args, opts)
    child.on("exit", (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${path.basename(cmd)} ${args.join(" ")}: ${code}`))
    )
  })
}

async function stopAll() {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, "SIGTERM")
      } catch {
        // gone
      }
    }
  }
}

/** Resolves once `url` answers 200; throws after two minutes. */
async function waitForOk(target) {
  const deadline = Date.now() + 120_000
  while (Date.now() < deadline) {
    try {
      if ((await fetch(target)).ok) {
        return
      }
    } catch {
      // Not up yet.
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error(`${target} did not answer`)
}

/** autocannon at 8 connections; every response time kept for exact percentiles. */
function cannon(opts) {
  return new Promise((resolve, reject) => {
    const times = []
    const instance = autocannon(
      { connections: 8, duration: DURATION, ...opts },
      (err, res) => (err ? reject(err) : resolve({ res, times }))
    )
    instance.on("response", (_client, _status, _bytes, ms) => times.push(ms))
  })
}

function percentile(sorted, p) {
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ]
}

function summary({ res, times }) {
  const sorted = [...times].sort((a, b) => a - b)
  return {
    requests: res.requests.total,
    rps: res.requests.average,
    p50: Math.round(percentile(sorted, 50)),
    p95: Math.round(percentile(sorted, 95)),
    errors: res.errors + res.timeouts + res.non2xx,
  }
}

/** Chromium with a DevTools port for Lighthouse; resolves its port. */
function launchChromium() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-lh-"))
  const child = start(
    CHROME,
    [
      "--headless=new",
      "--no-sandbox",
      "--remote-debugging-port=0",
      `--user-data-dir=${dir}`,
      "--no-first-run",
      "--no-default-browser-check",
      "about:blank",
    ],
    { stdio: ["ignore", "ignore", "pipe"] }
  )
  return new Promise((resolve, reject) => {
    let text = ""
    child.stderr.on("data", (chunk) => {
      text += chunk
      const m = text.match(/DevTools listening on ws:\/\/[^:]+:(\d+)\//)
      if (m) {
        resolve({ port: Number(m[1]), dir })
      }
    })
    child.on("exit", (code) => reject(new Error(`chromium exited: ${code}`)))
  })
}

const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]

/** Lighthouse's default (mobile) configuration, LH_RUNS times; the median of each score. */
async function audit(port, target) {
  const runs = []
  for (let i = 0; i < LH_RUNS; i++) {
    const { lhr } = await lighthouse(target, {
      port,
      logLevel: "error",
      output: "json",
      onlyCategories: CATEGORIES,
    })
    runs.push(lhr)
  }
  const median = (xs) =>
    [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
  const scores = Object.fromEntries(
    CATEGORIES.map((c) => [
      c,
      median(runs.map((r) => Math.round(r.categories[c].score * 100))),
    ])
  )
  // What each run lost points on: failing audits with their weight.
  const failing = new Map()
  for (const r of runs) {
    for (const c of CATEGORIES) {
      for (const ref of r.categories[c].auditRefs) {
        const a = r.audits[ref.id]
        if (ref.weight > 0 && a.score !== null && a.score < 0.9) {
          // The first items say what failed (a console message, an element).
          const items = (a.details?.items ?? [])
            .slice(0, 2)
            .map((it) => it.description ?? it.node?.snippet ?? it.url)
            .filter(Boolean)
            .map((t) => String(t).slice(0, 160))
          failing.set(
            `${c}: ${a.id} (${a.displayValue ?? a.score})${items.length ? `: ${items.join(" | ")}` : ""}`,
            true
          )
        }
      }
    }
  }
  const perf = runs.map((r) => Math.round(r.categories.performance.score * 100))
  return { scores, perf, failing: [...failing.keys()] }
}

async function main() {
  const load = () =>
    os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(", ")
  const [port, sfPort] = [await freePort(), await freePort()]
  const base = `http://localhost:${port}`
  const sfBase = `http://localhost:${sfPort}`
  const env = {
    ...process.env,
    DATABASE_URL: url,
    MEDUSA_DISABLE_TELEMETRY: "true",
    MEDUSA_ADMIN_DISABLED: "true",
    LOG_LEVEL: "warn",
    PORT: String(port),
    MEDUSA_BACKEND_URL: base,
    NOTES_IP_HASH_SECRET: "bench-only-ip-hash-secret",
    STOREFRONT_URL: sfBase,
    STORE_CORS: sfBase,
  }
  delete env.REDIS_URL
  await ensureDatabase(url, { reseed: true })
  log("migrating and seeding…")
  await run(medusa, ["db:migrate"], { cwd: root, env })
  await run(medusa, ["exec", "./scripts/seed-demo.ts"], { cwd: root, env })
  const demo = JSON.parse(
    fs.readFileSync(path.join(root, ".demo-data", "demo.json"), "utf8")
  )
  start(medusa, ["start"], { cwd: root, env })
  const sfEnv = storefrontEnv(env, {
    backendUrl: base,
    publishableKey: demo.publishable_key,
    regionId: demo.region_id,
    port: sfPort,
  })
  ensureBuild(sfEnv, (m) => log(`storefront: ${m}`))
  await waitForHealth(base)
  start(nextBin, ["start", "-p", String(sfPort)], {
    cwd: storefrontDir,
    env: sfEnv,
  })
  await waitForOk(sfBase)

  const page = `${sfBase}/notes/${demo.note_id}`
  const api = `${base}/store/notes/${demo.note_id}?region_id=${demo.region_id}`
  const headers = { "x-publishable-api-key": demo.publishable_key }
  // The page's second call: the author's other notes (lib/notes.ts moreByAuthor).
  const { note: apiNote } = await (await fetch(api, { headers })).json()
  const list = `${base}/store/notes?buyer=${encodeURIComponent(apiNote.buyer.handle)}&limit=7`
  log(`load average before: ${load()}`)
  log("warming up…")
  await cannon({ url: api, headers, duration: 3 })
  await cannon({ url: page, duration: 3 })
  log(`latency: ${DURATION} s each at 8 connections…`)
  const apiRes = summary(await cannon({ url: api, headers }))
  const listRes = summary(await cannon({ url: list, headers }))
  const pageRes = summary(await cannon({ url: page }))
  const loadLatency = load()

  log(`lighthouse: ${LH_RUNS} run(s) per page…`)
  const chrome = await launchChromium()
  const feed = await audit(chrome.port, `${sfBase}/`)
  const note = await audit(chrome.port, page)
  const loadAfter = load()
  fs.rmSync(chrome.dir, { recursive: true, force: true, maxRetries: 3 })

  const lines = []
  lines.push(
    `Load average (1, 5, 15 min): after latency ${loadLatency}; after Lighthouse ${loadAfter} (${os.cpus().length} cores)`
  )
  lines.push("")
  lines.push(
    "| request (8 connections, " +
      DURATION +
      " s) | requests | req/s | p50 ms | p95 ms | errors |"
  )
  lines.push("|---|---|---|---|---|---|")
  for (const [name, r] of [
    ["API `GET /store/notes/{id}?region_id=…`", apiRes],
    [
      "API `GET /store/notes?buyer=…&limit=7` (the page's second call)",
      listRes,
    ],
    ["page `GET /notes/{id}`", pageRes],
  ]) {
    lines.push(
      `| ${name} | ${r.requests} | ${Math.round(r.rps)} | ${r.p50} | ${r.p95} | ${r.errors} |`
    )
  }
  const ratio = pageRes.p95 / apiRes.p95
  lines.push("")
  lines.push(
    `Page p95 / API p95: ${ratio.toFixed(2)}× (target ≤ 2×: ${ratio <= 2 ? "met" : "missed"})`
  )
  lines.push("")
  lines.push(
    `| Lighthouse, mobile (median of ${LH_RUNS}) | performance | accessibility | best practices | SEO | performance per run |`
  )
  lines.push("|---|---|---|---|---|---|")
  for (const [name, r] of [
    ["feed `/`", feed],
    ["note `/notes/{id}`", note],
  ]) {
    const s = r.scores
    lines.push(
      `| ${name} | ${s.performance} | ${s.accessibility} | ${s["best-practices"]} | ${s.seo} | ${r.perf.join(", ")} |`
    )
  }
  lines.push("")
  lines.push("Targets: performance ≥ 90, accessibility ≥ 95, SEO ≥ 95.")
  for (const [name, r] of [
    ["feed", feed],
    ["note", note],
  ]) {
    if (r.failing.length) {
      lines.push(`Audits under 0.9 (${name}): ${r.failing.join("; ")}`)
    }
  }
  console.log(lines.join("\n"))
}

main()
  .catch((e) => {
    console.error(e)
    process.exitCode = 1
  })
  .finally(async () => {
    await stopAll()
    // Lighthouse's and autocannon's handles may linger; everything we started is stopped.
    setTimeout(() => process.exit(), 3000).unref()
  })
