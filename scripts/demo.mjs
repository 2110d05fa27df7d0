#!/usr/bin/env node
// `npm run demo`: the demo store on http://localhost:9000.
// - DATABASE_URL unset: starts an embedded PostgreSQL in .demo-data/pg on
//   port DEMO_PG_PORT (default 54329, so it never clashes with 5432).
// - runs the migrations, seeds once (idempotent), creates the admin user,
//   then runs `medusa develop` and prints where to look.
// Ctrl-C stops everything it started, the embedded database included.
import { spawn } from "node:child_process"
import fs from "node:fs"
import path from "node:path"
import { fileURLToPath } from "node:url"
import { startEmbeddedPostgres } from "./embedded-db.mjs"

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..")
const dataRoot = path.join(root, ".demo-data")
const port = Number(process.env.PORT ?? 9000)
const log = (msg) => console.log(`[demo] ${msg}`)

const children = new Set()
let db = null
let stopping = false

function run(cmd, args, env, { wait = true } = {}) {
  const child = spawn(cmd, args, {
    cwd: root,
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

  const { done } = run(medusa, ["develop"], env, { wait: false })
  const base = `http://localhost:${port}`
  const ready = await waitForHealth(`${base}/health`, 180_000)
  if (!ready) {
    log("the server did not answer /health within 3 minutes")
  }
  console.log(`
  Demo store ready
  ────────────────
  Admin:            ${base}/app
  Admin login:      ${demo.admin_email} / ${process.env.DEMO_ADMIN_PASSWORD ?? "supersecret"}
  Publishable key:  ${demo.publishable_key}
  Notes:            curl -H "x-publishable-api-key: ${demo.publishable_key}" "${base}/store/notes?q=面霜"
  A note's page:    curl -H "x-publishable-api-key: ${demo.publishable_key}" "${base}/store/notes/${demo.note_id}?region_id=${demo.region_id}"
  A buy link:       ${base}/r/${demo.buy_link_code} (302 to the storefront, STOREFRONT_URL=${process.env.STOREFRONT_URL ?? "http://localhost:8000"})

  Ctrl-C stops the server${db ? " and the embedded database" : ""}.
`)
  await done
  await stopAll(0)
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
