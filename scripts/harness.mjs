// What the scripts that boot a real store share (scripts/compat-smoke.mjs,
// scripts/topology-drill.mjs): the PostgreSQL server they create databases
// on, commands run to their end with a log file, child processes in their own
// process group stopped as a whole, JSON over HTTP, and waiting for /health.
import { spawn } from "node:child_process"
import fs from "node:fs"
import pg from "pg"

/** The PostgreSQL server (DB_HOST/DB_PORT/DB_USERNAME/DB_PASSWORD). */
export const db = {
  host: process.env.DB_HOST || "127.0.0.1",
  port: Number(process.env.DB_PORT || 5432),
  user: process.env.DB_USERNAME || "postgres",
  password: process.env.DB_PASSWORD || undefined,
  database: "postgres",
}
const auth = db.password
  ? `${encodeURIComponent(db.user)}:${encodeURIComponent(db.password)}`
  : encodeURIComponent(db.user)

/** The connection URL of database `name` on that server. */
export const databaseUrlOf = (name) =>
  `postgres://${auth}@${db.host}:${db.port}/${name}`

/** Runs one statement on the server's `postgres` database (CREATE/DROP DATABASE). */
export async function adminSql(sql) {
  const client = new pg.Client(db)
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

export const tail = (text, n) => text.trimEnd().split("\n").slice(-n).join("\n")

export function assert(cond, message) {
  if (!cond) {
    throw new Error(message)
  }
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

/**
 * Runs a command to its end with its output in `<logs>/<name>.log`; a
 * non-zero exit throws with the log's tail. `track` is told the child (to
 * stop it when its caller has to stop early).
 */
export function runLogged(
  logs,
  name,
  cmd,
  args,
  { cwd, env = {}, track } = {}
) {
  const file = `${logs}/${name}.log`
  const out = fs.openSync(file, "w")
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ["ignore", out, out],
    })
    track?.(child)
    child.on("error", reject)
    child.on("close", (code) => {
      fs.closeSync(out)
      const text = fs.readFileSync(file, "utf8")
      if (code === 0) {
        resolve(text)
      } else {
        reject(new Error(`${name} exited ${code}:\n${tail(text, 60)}`))
      }
    })
  })
}

/**
 * Starts a long-running command in its own process group (so that stopping
 * it stops everything it started), output appended to `logFile`.
 */
export function startDetached(cmd, args, { cwd, env, logFile }) {
  const out = fs.openSync(logFile, "a")
  const child = spawn(cmd, args, {
    cwd,
    env,
    stdio: ["ignore", out, out],
    detached: true,
  })
  fs.closeSync(out)
  return child
}

export const isRunning = (child) =>
  !!child && child.exitCode === null && child.signalCode === null

/** Sends `sig` to the child's whole process group (gone already: nothing). */
export function signalGroup(child, sig) {
  try {
    process.kill(-child.pid, sig)
  } catch (e) {
    if (e.code !== "ESRCH") {
      throw e
    }
  }
}

/**
 * Stops a detached child: SIGTERM to its group, SIGKILL after `graceMs`;
 * resolves once it has exited.
 */
export async function stopGroup(child, graceMs = 10_000) {
  if (!isRunning(child)) {
    return
  }
  const exited = new Promise((r) => child.once("exit", r))
  signalGroup(child, "SIGTERM")
  const timer = setTimeout(() => signalGroup(child, "SIGKILL"), graceMs)
  await exited
  clearTimeout(timer)
}

/** JSON over HTTP; anything but 2xx throws with the body. */
export async function call(base, method, url, body, headers = {}) {
  const res = await fetch(base + url, {
    method,
    headers: { "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  if (!res.ok) {
    throw new Error(`${method} ${url}: ${res.status} ${text}`)
  }
  return text ? JSON.parse(text) : null
}

/**
 * Resolves once `GET {base}/health` answers 2xx; throws when `child` exits
 * first or at `until` (a time in ms).
 */
export async function waitForHealth(base, child, until, what = "the server") {
  while (Date.now() < until) {
    if (!isRunning(child)) {
      throw new Error(`${what} exited ${child.exitCode ?? child.signalCode}`)
    }
    const ok = await fetch(`${base}/health`)
      .then((r) => r.ok)
      .catch(() => false)
    if (ok) {
      return
    }
    await sleep(250)
  }
  throw new Error(`${what} did not answer ${base}/health in time`)
}
