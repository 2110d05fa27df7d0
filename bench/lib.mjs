// Helpers shared by the benchmarks: their database and the server they start.
import { spawn } from "node:child_process"
import path from "node:path"
import { fileURLToPath } from "node:url"
import pg from "pg"

/** Creates the benchmark database if missing (dropped first with `reseed`). */
export async function ensureDatabase(url, { reseed = false } = {}) {
  const u = new URL(url)
  const name = u.pathname.slice(1)
  u.pathname = "/postgres"
  const admin = new pg.Client({ connectionString: u.toString() })
  await admin.connect()
  const { rowCount } = await admin.query(
    "select 1 from pg_database where datname = $1",
    [name]
  )
  if (rowCount && reseed) {
    await admin.query(`drop database "${name}" with (force)`)
  }
  if (!rowCount || reseed) {
    await admin.query(`create database "${name}"`)
  }
  await admin.end()
}

/** Resolves once `GET {base}/health` answers 200; throws after two minutes. */
export async function waitForHealth(base) {
  const deadline = Date.now() + 120_000
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${base}/health`)).ok) {
        return
      }
    } catch {
      // Not up yet.
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error("server did not start")
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..")
const medusa = path.join(root, "node_modules", ".bin", "medusa")

/**
 * The environment of a benchmark's `medusa` commands and server: its
 * database, port and quiet logs, plus `extra`.
 */
export function benchEnv(url, port, extra = {}) {
  return {
    ...process.env,
    DATABASE_URL: url,
    MEDUSA_DISABLE_TELEMETRY: "true",
    MEDUSA_ADMIN_DISABLED: "true",
    LOG_LEVEL: "warn",
    PORT: String(port),
    ...extra,
  }
}

/** `medusa …args` in the repository; resolves with its stdout when `capture`. */
export function medusaRun(env, args, { capture = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(medusa, args, {
      cwd: root,
      env,
      stdio: capture
        ? ["ignore", "pipe", "inherit"]
        : ["ignore", "ignore", "inherit"],
    })
    let out = ""
    child.stdout?.on("data", (d) => (out += d))
    child.on("exit", (code) =>
      code === 0
        ? resolve(out)
        : reject(new Error(`medusa ${args.join(" ")}: ${code}`))
    )
  })
}

/**
 * `medusa start` on `env.PORT` in a process group of its own; resolves once
 * `/health` answers, with its base URL and `stop()` (SIGTERM to the group).
 */
export async function startServer(env) {
  const server = spawn(medusa, ["start"], {
    cwd: root,
    env,
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  })
  const stop = () => {
    try {
      process.kill(-server.pid, "SIGTERM")
    } catch {
      // Gone.
    }
  }
  const base = `http://localhost:${env.PORT}`
  try {
    await waitForHealth(base)
  } catch (e) {
    stop()
    throw e
  }
  return { base, stop }
}
