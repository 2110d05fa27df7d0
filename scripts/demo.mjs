#!/usr/bin/env node
// `npm run demo`: the demo store on http://localhost:9000 and its reference
// storefront (storefront/, Next.js) on http://localhost:8000.
// - DATABASE_URL unset: starts an embedded PostgreSQL in .demo-data/pg on
//   port DEMO_PG_PORT (default 54329, so it never clashes with 5432).
// - runs the migrations, seeds once (idempotent), creates the admin user,
//   then runs `medusa develop` and prints where to look.
// - the storefront: `npm ci --prefix storefront` when its node_modules is
//   missing, `next build` when its build is stale (scripts/storefront.mjs),
//   then `next start` on STOREFRONT_PORT (default 8000), pointed at the
//   demo's server, publishable key and region.
// Ctrl-C stops everything it started, the embedded database included.
import { spawn } from "node:child_process"
import fs from "node:fs"
import path from "node:path"
import { fileURLToPath } from "node:url"
import { startEmbeddedPostgres } from "./embedded-db.mjs"
import {
  buildIsCurrent,
  nextBin,
  storefrontDir,
  storefrontEnv,
  writeBuildStamp,
} from "./storefront.mjs"

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..")
const dataRoot = path.join(root, ".demo-data")
const port = Number(process.env.PORT ?? 9000)
const storefrontPort = Number(process.env.STOREFRONT_PORT ?? 8000)
const storefrontUrl =
  process.env.STOREFRONT_URL ?? `http://localhost:${storefrontPort}`
const startedAt = Date.now()
const log = (msg) => console.log(`[demo] ${msg}`)

const children = new Set()
let db = null
let stopping = false

function run(cmd, args, env, { wait = true, cwd = root } = {}) {
  const child = spawn(cmd, args, {
    cwd,
    env,
    stdio: "inherit",
    // Own process group, so that stopping it stops its whole tree.
    detached: true,
  })
  children.add(child)
  const done = new Promise((resolve, reject) => {
    child.on("exit", (code, signal) => {
      children.delete(child)
      if (code === 0 || stopping) {
        resolve()
      } else {
        reject(
          new Error(`${cmd} ${args.join(" ")} exited with ${code ?? signal}`)
        )
      }
    })
    child.on("error", reject)
  })
  return wait ? done : { child, done }
}

async function stopAll(code) {
  if (stopping) {
    return
  }
  stopping = true
  log("stopping…")
  for (const child of children) {
    try {
      process.kill(-child.pid, "SIGTERM")
    } catch {
      // Already gone.
    }
  }
  const deadline = Date.now() + 15_000
  while (children.size && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100))
  }
  for (const child of children) {
    try {
      process.kill(-child.pid, "SIGKILL")
    } catch {
      // Already gone.
    }
  }
  if (db) {
    await db.stop().catch(() => {})
    log("embedded PostgreSQL stopped")
  }
  process.exit(code)
}

process.on("SIGINT", () => stopAll(0))
process.on("SIGTERM", () => stopAll(0))

async function main() {
  const env = {
    ...process.env,
    MEDUSA_DISABLE_TELEMETRY: "true",
    NODE_ENV: process.env.NODE_ENV ?? "development",
    PORT: String(port),
    MEDUSA_BACKEND_URL:
      process.env.MEDUSA_BACKEND_URL ?? `http://localhost:${port}`,
    // A demo-only key for the click IP hash (production sets its own).
    NOTES_IP_HASH_SECRET:
      process.env.NOTES_IP_HASH_SECRET ?? "demo-only-ip-hash-secret",
    // Buy links redirect to the storefront, whose pages call the store API.
    STOREFRONT_URL: storefrontUrl,
    STORE_CORS: process.env.STORE_CORS ?? storefrontUrl,
  }
  if (!env.DATABASE_URL) {
    db = await startEmbeddedPostgres({
      dataDir: path.join(dataRoot, "pg"),
      port: Number(process.env.DEMO_PG_PORT ?? 54329),
      database: "medusa_demo",
      log,
    })
    env.DATABASE_URL = db.url
    log(`embedded PostgreSQL at ${db.url}`)
  } else {
    log("using DATABASE_URL")
  }

  const medusa = path.join(root, "node_modules", ".bin", "medusa")
  log("migrating…")
  await run(medusa, ["db:migrate"], env)
  log("seeding…")
  await run(medusa, ["exec", "./scripts/seed-demo.ts"], env)
  const demo = JSON.parse(
    fs.readFileSync(path.join(dataRoot, "demo.json"), "utf8")
  )

  // Before `medusa develop`: its watcher would restart the server for every
  // file npm writes under storefront/node_modules.
  const installed = await installStorefront(env)
  const { done } = run(medusa, ["develop"], env, { wait: false })
  const base = `http://localhost:${port}`
  // The storefront builds while Medusa boots (its build needs no server).
  const storefront = installed
    ? startStorefront(env, base, demo)
    : Promise.resolve(false)
  const ready = await waitForHealth(`${base}/health`, 180_000)
  if (!ready) {
    log("the server did not answer /health within 3 minutes")
  }
  const storefrontReady = await storefront
  log(`both servers answered after ${secondsSince(startedAt)} s`)
  console.log(`
  Demo store ready
  ────────────────
  Storefront:       ${storefrontReady ? storefrontUrl : `(not answering: see the [storefront] lines above)`}
  A note's page:    ${storefrontUrl}/notes/${demo.note_id}
  Admin:            ${base}/app
  Admin login:      ${demo.admin_email} / ${process.env.DEMO_ADMIN_PASSWORD ?? "supersecret"}
  Buyer login:      ${demo.buyer_email} / ${process.env.DEMO_BUYER_PASSWORD ?? "supersecret"} (${storefrontUrl}/account)
  Publishable key:  ${demo.publishable_key}
  Notes:            curl -H "x-publishable-api-key: ${demo.publishable_key}" "${base}/store/notes?q=面霜"
  A note (API):     curl -H "x-publishable-api-key: ${demo.publishable_key}" "${base}/store/notes/${demo.note_id}?region_id=${demo.region_id}"
  A buy link:       ${base}/r/${demo.buy_link_code} (302 to the storefront's product page with ?ref=)

  Ctrl-C stops both servers${db ? " and the embedded database" : ""}.
`)
  await done
  await stopAll(0)
}

const secondsSince = (t) => ((Date.now() - t) / 1000).toFixed(1)
const storefrontLog = (msg) => console.log(`[storefront] ${msg}`)
const npm = process.platform === "win32" ? "npm.cmd" : "npm"

/** First start only: the storefront's own dependencies, from its lock file. */
async function installStorefront(env) {
  if (!fs.existsSync(path.join(storefrontDir, "package.json"))) {
    storefrontLog("no storefront/ in this checkout: not starting it")
    return false
  }
  if (fs.existsSync(nextBin)) {
    return true
  }
  storefrontLog("first start: installing its dependencies (npm ci)…")
  try {
    await run(npm, ["ci", "--no-audit", "--no-fund"], env, {
      cwd: storefrontDir,
    })
    return true
  } catch (e) {
    storefrontLog(e.message)
    return false
  }
}

/**
 * Builds the storefront when its last build is stale (scripts/storefront.mjs),
 * then starts it; resolves true once it answers, false when it could not
 * start or did not answer within 3 minutes.
 */
async function startStorefront(env, base, demo) {
  const sfEnv = storefrontEnv(env, {
    backendUrl: base,
    publishableKey: demo.publishable_key,
    regionId: demo.region_id,
    port: storefrontPort,
  })
  try {
    if (buildIsCurrent(sfEnv)) {
      storefrontLog("build is current, not rebuilding")
    } else {
      const t = Date.now()
      storefrontLog("building (next build)…")
      await run(nextBin, ["build"], sfEnv, { cwd: storefrontDir })
      writeBuildStamp(sfEnv)
      storefrontLog(`built in ${secondsSince(t)} s`)
    }
    const { done } = run(
      nextBin,
      ["start", "-p", String(storefrontPort)],
      sfEnv,
      { cwd: storefrontDir, wait: false }
    )
    // A storefront that exits (its port taken, say) is not waited for.
    const exited = done.then(
      () => false,
      (e) => {
        storefrontLog(e.message)
        return false
      }
    )
    const ok = await Promise.race([
      waitForHealth(storefrontUrl, 180_000),
      exited,
    ])
    if (ok) {
      storefrontLog(
        `answering on ${storefrontUrl} after ${secondsSince(startedAt)} s`
      )
    }
    return ok
  } catch (e) {
    storefrontLog(e.message)
    return false
  }
}

async function waitForHealth(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline && !stopping) {
    try {
      const res = await fetch(url)
      if (res.ok) {
        return true
      }
    } catch {
      // Not up yet.
    }
    await new Promise((r) => setTimeout(r, 1000))
  }
  return false
}

main().catch(async (e) => {
  console.error(`[demo] ${e.message}`)
  await stopAll(1)
})
