#!/usr/bin/env node
// The reference storefront's build, shared by `npm run demo` and the browser
// suite: `next build` only when the last build is older than a source (the
// storefront's own files or the plugin's client it compiles) or inlined
// other NEXT_PUBLIC_* values into the browser's bundles.
//
//   node scripts/storefront.mjs build   builds when needed, else says so
//   node scripts/storefront.mjs start   the same, then `next start`
// Both read MEDUSA_BACKEND_URL, MEDUSA_PUBLISHABLE_KEY, MEDUSA_REGION_ID and
// PORT (default 8000) from the environment.
import { spawn, spawnSync } from "node:child_process"
import fs from "node:fs"
import path from "node:path"
import { fileURLToPath } from "node:url"

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..")
// STOREFRONT_DIR: another copy of it (beside a `src/` with the client).
export const storefrontDir =
  process.env.STOREFRONT_DIR ?? path.join(root, "storefront")
export const nextBin = path.join(storefrontDir, "node_modules", ".bin", "next")
const stampFile = path.join(storefrontDir, ".next", "build-stamp.json")

/** The newest modification time under `dir`, dot files and `skip` aside. */
function newestMtime(dir, skip) {
  let newest = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith(".") || skip.has(entry.name)) {
      continue
    }
    const full = path.join(dir, entry.name)
    newest = Math.max(
      newest,
      entry.isDirectory() ? newestMtime(full, skip) : fs.statSync(full).mtimeMs
    )
  }
  return newest
}

/** The text of every file under `dir` ending in `.js` (the client bundles). */
function readScripts(dir) {
  if (!fs.existsSync(dir)) {
    return ""
  }
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".js"))
    .map((e) => fs.readFileSync(path.join(e.parentPath, e.name), "utf8"))
    .join("\n")
}

/** True when `.next` holds a build of the current sources and `env`. */
export function buildIsCurrent(env) {
  const buildId = path.join(storefrontDir, ".next", "BUILD_ID")
  if (!fs.existsSync(buildId) || !fs.existsSync(stampFile)) {
    return false
  }
  const skip = new Set([
    "node_modules",
    "__tests__",
    "screenshots",
    "next-env.d.ts",
  ])
  const sources = Math.max(
    newestMtime(storefrontDir, skip),
    newestMtime(path.join(root, "src", "client"), skip)
  )
  const inlined = JSON.parse(fs.readFileSync(stampFile, "utf8"))
  return (
    fs.statSync(buildId).mtimeMs >= sources &&
    Object.entries(inlined).every(([k, v]) => env[k] === v)
  )
}

/**
 * Records the NEXT_PUBLIC_* values the build inlined into the browser's
 * bundles (after `next build`): a build stays good for another value of one
 * the pages only read on the server (the demo's and each test run's
 * publishable key), and is rebuilt when an inlined one changes.
 */
export function writeBuildStamp(env) {
  const scripts = readScripts(path.join(storefrontDir, ".next", "static"))
  const inlined = Object.fromEntries(
    Object.entries(env).filter(
      ([k, v]) => k.startsWith("NEXT_PUBLIC_") && v && scripts.includes(v)
    )
  )
  fs.writeFileSync(stampFile, JSON.stringify(inlined))
}

/** The environment the storefront builds and runs with. */
export function storefrontEnv(
  env,
  { backendUrl, publishableKey, regionId, port }
) {
  return {
    ...env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(port),
    MEDUSA_BACKEND_URL: backendUrl,
    NEXT_PUBLIC_MEDUSA_BACKEND_URL: backendUrl,
    NEXT_PUBLIC_MEDUSA_PUBLISHABLE_KEY: publishableKey,
    MEDUSA_PUBLISHABLE_KEY: publishableKey,
    MEDUSA_REGION_ID: regionId,
  }
}

/** `next build` unless the build is current; throws when the build fails. */
export function ensureBuild(env, log = console.log) {
  if (!fs.existsSync(nextBin)) {
    throw new Error(
      "the storefront's dependencies are missing: npm ci --prefix storefront"
    )
  }
  if (buildIsCurrent(env)) {
    log("build is current, not rebuilding")
    return false
  }
  const started = Date.now()
  log("building (next build)…")
  const res = spawnSync(nextBin, ["build"], {
    cwd: storefrontDir,
    env,
    stdio: "inherit",
  })
  if (res.status !== 0) {
    throw new Error(`next build exited with ${res.status ?? res.signal}`)
  }
  writeBuildStamp(env)
  log(`built in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  return true
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const command = process.argv[2]
  if (command !== "build" && command !== "start") {
    console.error("usage: node scripts/storefront.mjs build|start")
    process.exit(2)
  }
  const port = Number(process.env.PORT ?? 8000)
  const env = storefrontEnv(process.env, {
    backendUrl: process.env.MEDUSA_BACKEND_URL ?? "http://localhost:9000",
    publishableKey: process.env.MEDUSA_PUBLISHABLE_KEY ?? "",
    regionId: process.env.MEDUSA_REGION_ID ?? "",
    port,
  })
  try {
    ensureBuild(env, (m) => console.log(`[storefront] ${m}`))
  } catch (e) {
    console.error(`[storefront] ${e.message}`)
    process.exit(1)
  }
  if (command === "start") {
    const next = spawn(nextBin, ["start", "-p", String(port)], {
      cwd: storefrontDir,
      env,
      stdio: "inherit",
    })
    for (const signal of ["SIGINT", "SIGTERM"]) {
      process.on(signal, () => next.kill(signal))
    }
    next.on("exit", (code) => process.exit(code ?? 1))
  }
}
