// `node scripts/compat-smoke.mjs [<medusa-version>...]` (`npm run test:compat`):
// proves the packed plugin works in a fresh minimal Medusa store at that
// version, as a merchant installs it. It builds and packs the plugin (or takes
// the tarball in COMPAT_TARBALL), writes a store in a temp directory (the
// official starter's @medusajs packages at that version, the plugin registered
// with storefront_url and buy_link_base_url, no Stripe), installs the store
// and then adds the plugin to it, as a merchant does, each with a plain
// `npm install` (no --legacy-peer-deps, no --force: peer ranges must fit),
// builds the admin with the plugin's extensions (`medusa build --admin-only`),
// migrates a fresh database, boots `medusa start` and drives the store over
// HTTP: admin user, region, channel and key, product, a default 10% rule, a
// buyer who applies and is approved, a note tagging the product, its buy link
// (302 with ref), a cart carrying the ref, the order, and the pending 10%
// accrual on it. Any failure exits 1. The database, the server and the temp
// directory are removed at the end (COMPAT_KEEP=1 keeps the directory).
//
// Without versions it runs the lowest of the peer range (`>=x.y.z`) and the
// pinned devDependency version.
//
// Environment: COMPAT_TARBALL (reuse a packed plugin), COMPAT_JOBS (how many
// versions run at once, each in its own process; default 1), COMPAT_STORE_DIR
// (keep the stores there, see --prefetch; not removed), COMPAT_ADMIN (the admin
// is built at every version but the pinned one; 0: at none, 1: at all, or a
// comma list of versions),
// COMPAT_KEEP=1, DB_HOST/DB_PORT/DB_USERNAME/DB_PASSWORD
// (default 127.0.0.1:5432, postgres, no password).
import { spawn } from "node:child_process"
import crypto from "node:crypto"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { fileURLToPath } from "node:url"
import { freePort } from "./free-port.cjs"
import {
  adminSql,
  assert,
  call,
  databaseUrlOf,
  runLogged,
  stopGroup,
  tail,
  waitForHealth,
} from "./harness.mjs"

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..")
const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"))
// Without arguments: the lowest version the peer range admits and the one
// the plugin is developed against (its devDependency).
const pinned = pkg.devDependencies["@medusajs/medusa"]
const lowest = /^>=\s*(\d+\.\d+\.\d+)/.exec(
  pkg.peerDependencies["@medusajs/medusa"]
)?.[1]
// `--prefetch` only installs each version's store without the plugin (with
// its dependencies), to fill npm's cache, or, with COMPAT_STORE_DIR, to leave
// the stores there for the smoke to add the plugin to. CI runs it in the
// background while the tests run.
const args = process.argv.slice(2)
const prefetch = args[0] === "--prefetch"
const given = prefetch ? args.slice(1) : args
const versions = given.length ? given : [lowest, pinned]
if (!versions.every((v) => /^2\.\d+\.\d+$/.test(v ?? ""))) {
  console.error(
    "usage: node scripts/compat-smoke.mjs [<medusa 2.x.y version>...]"
  )
  process.exit(2)
}

const started = Date.now()
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`
const log = (msg) =>
  console.log(`[compat ${version ?? ""} ${secs(Date.now() - started)}] ${msg}`)

// The run in progress: one store per version, in turn.
let version
let timings = []
let app
let logs
let medusaBin
let dbName
let databaseUrl
let server
let dbCreated = false

/** Runs one phase and records its wall time. */
async function phase(name, fn) {
  const t = Date.now()
  log(`${name}…`)
  const result = await fn()
  timings.push([name, Date.now() - t])
  log(`${name}: ${secs(Date.now() - t)}`)
  return result
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), "compat-"))
logs = path.join(work, "logs")
fs.mkdirSync(logs)

/** Runs a command to its end with its output in logs/<name>.log (harness.mjs). */
const run = (name, cmd, args, { cwd = app, env = {} } = {}) =>
  runLogged(logs, name, cmd, args, { cwd, env })

/** Starts the run of one version: its store directory, logs and database name. */
function begin(v) {
  version = v
  timings = []
  server = undefined
  dbCreated = false
  // COMPAT_STORE_DIR: the stores live there and outlive the run, so a
  // `--prefetch` run installs each version's packages ahead and the smoke
  // then adds only the plugin to them.
  const dir = path.join(process.env.COMPAT_STORE_DIR || work, v)
  app = path.join(dir, "store")
  logs = path.join(dir, "logs")
  medusaBin = path.join(app, "node_modules", ".bin", "medusa")
  fs.mkdirSync(app, { recursive: true })
  fs.rmSync(logs, { recursive: true, force: true })
  fs.mkdirSync(logs)
  dbName = `compat_${v.replace(/\./g, "_")}_${crypto.randomBytes(4).toString("hex")}`
  databaseUrl = databaseUrlOf(dbName)
}

/** Stops the server and drops the database of the run in progress. */
async function cleanup() {
  // The server runs in its own process group (detached): all of it stops.
  if (server) {
    await stopGroup(server)
  }
  if (dbCreated) {
    await adminSql(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).catch(
      (e) => log(`could not drop ${dbName}: ${e.message}`)
    )
  }
  if (process.env.COMPAT_KEEP !== "1" && !process.env.COMPAT_STORE_DIR) {
    fs.rmSync(path.dirname(app), { recursive: true, force: true })
  }
}

/** The plugin, built and packed once (or the tarball given). */
async function tarball() {
  if (process.env.COMPAT_TARBALL) {
    const given = path.resolve(process.env.COMPAT_TARBALL)
    assert(fs.existsSync(given), `COMPAT_TARBALL ${given} does not exist`)
    return given
  }
  await run("build", "npm", ["run", "build"], { cwd: root })
  const out = await run(
    "pack",
    "npm",
    ["pack", "--json", "--pack-destination", work],
    { cwd: root }
  )
  const [{ filename }] = JSON.parse(out.slice(out.indexOf("[")))
  return path.join(work, filename)
}

/**
 * The official starter's package.json at this version (medusa-starter-default:
 * the four @medusajs packages pinned to the version, React, TypeScript and
 * SWC for the admin build and the TypeScript config), plus the plugin.
 */
function writeStore(tgz) {
  const medusa = Object.fromEntries(
    ["admin-sdk", "cli", "framework", "medusa"].map((p) => [
      `@medusajs/${p}`,
      version,
    ])
  )
  fs.writeFileSync(
    path.join(app, "package.json"),
    JSON.stringify(
      {
        name: "compat-store",
        version: "0.0.1",
        private: true,
        dependencies: tgz
          ? { ...medusa, [pkg.name]: `file:${tgz}` }
          : { ...medusa, ...pkg.dependencies },
        devDependencies: {
          "@swc/core": "^1.7.28",
          "@types/node": "^20.12.11",
          react: "^18.3.1",
          "react-dom": "^18.3.1",
          // The CLI loads medusa-config.ts through ts-node.
          "ts-node": "^10.9.2",
          typescript: "^5.6.2",
        },
        engines: { node: ">=20" },
      },
      null,
      2
    )
  )
  fs.writeFileSync(
    path.join(app, "tsconfig.json"),
    JSON.stringify(
      {
        compilerOptions: {
          target: "ES2021",
          esModuleInterop: true,
          module: "Node16",
          moduleResolution: "Node16",
          emitDecoratorMetadata: true,
          experimentalDecorators: true,
          skipLibCheck: true,
          skipDefaultLibCheck: true,
          declaration: false,
          sourceMap: false,
          inlineSourceMap: true,
          outDir: "./.medusa/server",
          rootDir: "./",
          jsx: "react-jsx",
          forceConsistentCasingInFileNames: true,
          resolveJsonModule: true,
          checkJs: false,
          strictNullChecks: true,
        },
        "ts-node": { swc: true },
        include: ["**/*", ".medusa/types/*"],
        exclude: ["node_modules", ".medusa/server", ".medusa/admin", ".cache"],
      },
      null,
      2
    )
  )
  fs.writeFileSync(
    path.join(app, "medusa-config.ts"),
    `import { loadEnv, defineConfig } from "@medusajs/framework/utils"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    http: {
      storeCors: process.env.STORE_CORS!,
      adminCors: process.env.ADMIN_CORS!,
      authCors: process.env.AUTH_CORS!,
      jwtSecret: process.env.JWT_SECRET || "supersecret",
      cookieSecret: process.env.COOKIE_SECRET || "supersecret",
    },
  },
  // The admin is built with \`medusa build --admin-only\` (into .medusa/admin);
  // the server runs without serving it.
  admin: { disable: true },
  plugins: [
    {
      resolve: "${pkg.name}",
      options: {
        buy_link_base_url: process.env.MEDUSA_BACKEND_URL,
        storefront_url: process.env.STOREFRONT_URL,
      },
    },
  ],
})
`
  )
}

const BROWSER_UA =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"
const STOREFRONT = "http://storefront.compat.test"

/** The journey: a note, its buy link, an order through it, its commission. */
async function smoke(base, env) {
  const email = "admin@compat.test"
  const password = "compat-secret-123"
  await run("user", medusaBin, ["user", "-e", email, "-p", password], {
    env,
  })
  const { token } = await call(base, "POST", "/auth/user/emailpass", {
    email,
    password,
  })
  const adminH = { authorization: `Bearer ${token}` }
  const admin = (method, url, body) => call(base, method, url, body, adminH)

  const { sales_channel } = await admin("POST", "/admin/sales-channels", {
    name: "Compat",
  })
  const { api_key } = await admin("POST", "/admin/api-keys", {
    title: "compat",
    type: "publishable",
  })
  await admin("POST", `/admin/api-keys/${api_key.id}/sales-channels`, {
    add: [sales_channel.id],
  })
  const keyH = { "x-publishable-api-key": api_key.token }
  const store = (method, url, body, headers = {}) =>
    call(base, method, url, body, { ...keyH, ...headers })

  const { region } = await admin("POST", "/admin/regions", {
    name: "Compat",
    currency_code: "eur",
    payment_providers: ["pp_system_default"],
  })
  const { product } = await admin("POST", "/admin/products", {
    title: "Compat cream",
    status: "published",
    sales_channels: [{ id: sales_channel.id }],
    options: [{ title: "Size", values: ["One size"] }],
    variants: [
      {
        title: "One size",
        options: { Size: "One size" },
        manage_inventory: false,
        prices: [{ currency_code: "eur", amount: 30 }],
      },
    ],
  })
  await admin("POST", "/admin/commission-rules", {
    scope: "default",
    type: "percentage",
    rate: "10",
  })

  // A customer applies as a buyer; the admin approves.
  const creds = { email: "buyer@compat.test", password: "buyer-pass-123" }
  const { token: registration } = await store(
    "POST",
    "/auth/customer/emailpass/register",
    creds
  )
  await store(
    "POST",
    "/store/customers",
    { email: creds.email },
    { authorization: `Bearer ${registration}` }
  )
  const { token: customerToken } = await store(
    "POST",
    "/auth/customer/emailpass",
    creds
  )
  const { buyer } = await store(
    "POST",
    "/store/buyers",
    { handle: "compatbuyer", display_name: "Compat buyer" },
    { authorization: `Bearer ${customerToken}` }
  )
  await admin("POST", `/admin/buyers/${buyer.id}/approve`, {})

  const { note } = await admin("POST", "/admin/notes", {
    title: "Compat routine",
    body: "A rich cream.",
    status: "published",
    buyer_id: buyer.id,
    products: [{ product_id: product.id }],
  })
  // The store shows the note with its product and buy link.
  const { note: shown } = await store(
    "GET",
    `/store/notes/${note.id}?region_id=${region.id}`
  )
  const { code } = note.products[0]
  const buyUrl = shown.products.find(
    (p) => p.product_id === product.id
  )?.buy_url
  assert(
    buyUrl === `${base}/r/${code}`,
    `the store's note has buy_url ${buyUrl}, not ${base}/r/${code}`
  )

  const redirect = await fetch(`${base}/r/${code}`, {
    redirect: "manual",
    headers: { "user-agent": BROWSER_UA },
  })
  const location = redirect.headers.get("location") ?? ""
  assert(
    redirect.status === 302 && location.startsWith(STOREFRONT),
    `GET /r/${code}: ${redirect.status} to ${location}`
  )
  const ref = new URL(location).searchParams.get("ref")
  assert(ref, `the redirect ${location} carries no ref`)

  const { cart } = await store("POST", "/store/carts", {
    region_id: region.id,
    email: "shopper@compat.test",
    items: [{ variant_id: product.variants[0].id, quantity: 1 }],
    metadata: { referral_click_id: ref },
  })
  const { payment_collection } = await store(
    "POST",
    "/store/payment-collections",
    { cart_id: cart.id }
  )
  await store(
    "POST",
    `/store/payment-collections/${payment_collection.id}/payment-sessions`,
    { provider_id: "pp_system_default" }
  )
  const done = await store("POST", `/store/carts/${cart.id}/complete`, {})
  assert(done.type === "order", `cart completion: ${JSON.stringify(done)}`)

  // Attribution and accrual run on the order's events: wait for the entry.
  const t = Date.now()
  let seen = []
  while (Date.now() - t < 60_000) {
    const { commissions } = await admin(
      "GET",
      `/admin/commissions?order_id=${done.order.id}&limit=100`
    )
    seen = commissions.map((e) => `${e.type}:${e.status}:${e.amount}`)
    if (seen.length) {
      break
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  assert(
    JSON.stringify(seen) === JSON.stringify(["accrual:pending:3"]),
    `commissions of order ${done.order.id}: ${JSON.stringify(seen)} (want one pending accrual of 3, 10% of EUR 30)`
  )
  log(`order ${done.order.id}: accrual pending 3 after ${secs(Date.now() - t)}`)
}

/**
 * The store as a merchant has it before adding the plugin: Medusa at this
 * version (and the plugin's own dependencies, so the next install is short),
 * installed with no lifecycle scripts.
 */
async function installStore(name) {
  writeStore(null)
  await run(name, "npm", [
    "install",
    "--prefer-offline",
    "--ignore-scripts",
    "--no-audit",
    "--no-fund",
    "--loglevel=error",
  ])
}

async function runVersion(tgz) {
  // A store that --prefetch installed (COMPAT_STORE_DIR) is reused.
  if (!fs.existsSync(path.join(app, "node_modules", ".bin", "medusa"))) {
    await phase("npm install (the store)", () => installStore("store-install"))
  }
  // Then the plugin is added to it, as a merchant does.
  writeStore(tgz)

  const installOut = await phase("npm install (the plugin, plain)", () =>
    run(
      "install",
      "npm",
      [
        "install",
        "--prefer-offline",
        "--no-audit",
        "--no-fund",
        "--loglevel=warn",
      ],
      {
        // A user's npm config must not loosen peer resolution.
        env: {
          npm_config_legacy_peer_deps: "false",
          npm_config_force: "false",
        },
      }
    )
  )
  const overridden = installOut
    .split("\n")
    .filter((l) => /overriding peer dependency/.test(l))
  assert(
    !installOut.includes(`While resolving: ${pkg.name}`),
    `npm overrode a peer dependency of the plugin:\n${tail(installOut, 40)}`
  )
  const installed = {}
  for (const p of ["medusa", "framework", "ui", "icons", "js-sdk"]) {
    const file = path.join(app, "node_modules", "@medusajs", p, "package.json")
    installed[p] = fs.existsSync(file)
      ? JSON.parse(fs.readFileSync(file, "utf8")).version
      : "-"
  }
  log(
    `installed @medusajs/${Object.entries(installed)
      .map(([p, v]) => `${p} ${v}`)
      .join(
        ", "
      )}${overridden.length ? ` (npm: ${overridden.length} peer overrides elsewhere)` : ""}`
  )
  assert(
    installed.medusa === version && installed.framework === version,
    `the store got @medusajs/medusa ${installed.medusa}, framework ${installed.framework}`
  )

  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const env = {
    DATABASE_URL: databaseUrl,
    MEDUSA_DISABLE_TELEMETRY: "true",
    MEDUSA_BACKEND_URL: base,
    STOREFRONT_URL: STOREFRONT,
    STORE_CORS: STOREFRONT,
    ADMIN_CORS: base,
    AUTH_CORS: `${base},${STOREFRONT}`,
    JWT_SECRET: "compat-jwt-secret-0123456789",
    COOKIE_SECRET: "compat-cookie-secret-0123456789",
    PORT: String(port),
    REDIS_URL: "",
  }

  // The admin at the pinned version is built by the plugin's own build and
  // the browser suite: by default it is built here at the other versions.
  const admin = process.env.COMPAT_ADMIN
  if (
    admin === undefined
      ? version !== pinned
      : admin === "1" || admin.split(",").includes(version)
  ) {
    await phase("medusa build --admin-only", () =>
      run("admin-build", medusaBin, ["build", "--admin-only"], { env })
    )
    // The plugin's widgets are in the dashboard bundle.
    const assets = path.join(app, ".medusa", "admin")
    const files = fs
      .readdirSync(assets, { recursive: true })
      .filter((f) => f.endsWith(".js"))
    const found = files.some((f) =>
      fs
        .readFileSync(path.join(assets, f), "utf8")
        .includes("order-attribution")
    )
    assert(found, `the admin build in ${assets} has no plugin widget`)
  }

  await adminSql(`CREATE DATABASE "${dbName}"`)
  dbCreated = true
  await phase("medusa db:migrate", () =>
    run("migrate", medusaBin, ["db:migrate"], { env })
  )

  await phase("medusa start", async () => {
    const out = fs.openSync(path.join(logs, "server.log"), "w")
    server = spawn(medusaBin, ["start"], {
      cwd: app,
      env: { ...process.env, ...env },
      stdio: ["ignore", out, out],
      detached: true,
    })
    fs.closeSync(out)
    await waitForHealth(base, server, Date.now() + 180_000, "medusa start")
  })

  await phase("smoke over HTTP", () => smoke(base, env))
}

if (prefetch) {
  // Warm the cache only: the store without the plugin (but with the plugin's
  // own dependencies), installed without scripts, then removed. A failure
  // here is only a cold cache for the real run, never a failed smoke.
  for (const v of versions) {
    begin(v)
    const t = Date.now()
    try {
      await installStore("prefetch")
      log(`store installed (${secs(Date.now() - t)})`)
    } catch (e) {
      log(`prefetch failed (the smoke will fetch instead): ${e.message}`)
    }
    if (!process.env.COMPAT_STORE_DIR) {
      fs.rmSync(path.dirname(app), { recursive: true, force: true })
    }
  }
  fs.rmSync(work, { recursive: true, force: true })
  process.exit(0)
}

const results = []
let tgz
try {
  const t = Date.now()
  tgz = await tarball()
  log(`plugin tarball ${tgz} (${secs(Date.now() - t)})`)
} catch (e) {
  console.error(`[compat] FAILED to build and pack the plugin: ${e.stack ?? e}`)
  process.exit(1)
}
const jobs = Math.max(1, Number(process.env.COMPAT_JOBS || 1))
if (jobs > 1 && versions.length > 1) {
  // One process per version, `jobs` at a time, all on the one tarball; each
  // prints its own lines (prefixed with its version) and its result line.
  const queue = [...versions]
  const one = (v) =>
    new Promise((resolve) => {
      const child = spawn(
        process.execPath,
        [fileURLToPath(import.meta.url), v],
        {
          env: { ...process.env, COMPAT_TARBALL: tgz, COMPAT_JOBS: "1" },
          stdio: ["ignore", "inherit", "inherit"],
        }
      )
      child.on("close", (code) => resolve({ v, code }))
    })
  const done = await Promise.all(
    Array.from({ length: Math.min(jobs, queue.length) }, async () => {
      const codes = []
      while (queue.length) {
        codes.push(await one(queue.shift()))
      }
      return codes
    })
  )
  const failed = done.flat().filter((r) => r.code !== 0)
  fs.rmSync(work, { recursive: true, force: true })
  console.log(
    `compat-smoke: ${versions.length - failed.length} of ${versions.length} versions passed in ${secs(Date.now() - started)}` +
      (failed.length ? ` (failed: ${failed.map((r) => r.v).join(", ")})` : "")
  )
  process.exit(failed.length ? 1 : 0)
}
for (const v of versions) {
  begin(v)
  const t = Date.now()
  let failed = false
  try {
    await runVersion(tgz)
  } catch (e) {
    failed = true
    console.error(`[compat ${version}] FAILED: ${e.stack ?? e}`)
    const serverLog = path.join(logs, "server.log")
    if (fs.existsSync(serverLog)) {
      console.error(
        `--- server.log (tail) ---\n${tail(fs.readFileSync(serverLog, "utf8"), 40)}`
      )
    }
  } finally {
    const c = Date.now()
    await cleanup()
    timings.push(["cleanup", Date.now() - c])
  }
  const summary = timings.map(([n, ms]) => `${n} ${secs(ms)}`).join(", ")
  results.push(
    `compat-smoke @medusajs/medusa ${v}: ${failed ? "FAILED" : "passed"} in ${secs(Date.now() - t)} (${summary})`
  )
  if (failed) {
    process.exitCode = 1
  }
}
if (process.env.COMPAT_KEEP === "1") {
  log(`kept ${work}`)
} else {
  fs.rmSync(work, { recursive: true, force: true })
}
console.log(results.join("\n"))
