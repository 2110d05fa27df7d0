import { spawn, spawnSync, type ChildProcess } from "node:child_process"
import fs from "node:fs"
import http from "node:http"
import net from "node:net"
import path from "node:path"
import pg from "pg"
import { freePort } from "../../scripts/free-port.cjs"
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Page,
} from "playwright-core"

/*
 * The browser suite's harness (integration-tests/browser/README.md): the
 * real admin, built by `medusa build --admin-only` and served by
 * `medusa start` in production mode, on a fresh database, driven by
 * Debian's chromium through playwright-core. Every page records console
 * errors and failed requests; a journey fails on any it did not expect.
 */

const root = path.resolve(__dirname, "../..")
const medusa = path.join(root, "node_modules", ".bin", "medusa")
const adminBuild = path.join(root, ".medusa", "admin")
const served = path.join(root, "public", "admin")
export const SHOTS = path.join(
  root,
  "integration-tests",
  "browser",
  ".screenshots"
)

export const ADMIN_EMAIL = "admin@browser.test"
export const ADMIN_PASSWORD = "browser-suite-password"

const PG = process.env.BROWSER_PG_URL ?? "postgres://postgres@127.0.0.1:5432"
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"

export type Admin = {
  base: string
  /** A bearer token of the admin user, for set-up through the API. */
  token: string
  api: <T = any>(method: string, url: string, body?: unknown) => Promise<T>
  browser: Browser
  stop: () => Promise<void>
}

export { freePort }

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name)
    newest = Math.max(
      newest,
      entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs
    )
  }
  return newest
}

/** Builds the admin unless a build newer than every admin source exists. */
function ensureAdminBuild(env: NodeJS.ProcessEnv): void {
  const index = path.join(adminBuild, "index.html")
  const fresh =
    fs.existsSync(index) &&
    fs.statSync(index).mtimeMs > newestMtime(path.join(root, "src", "admin"))
  if (!fresh) {
    const res = spawnSync(medusa, ["build", "--admin-only"], {
      cwd: root,
      env,
      stdio: "inherit",
    })
    if (res.status !== 0) {
      throw new Error(`medusa build --admin-only exited with ${res.status}`)
    }
  }
  // `medusa start` serves ./public/admin in production.
  fs.mkdirSync(path.dirname(served), { recursive: true })
  fs.rmSync(served, { recursive: true, force: true })
  fs.symlinkSync(adminBuild, served, "dir")
}

function run(args: string[], env: NodeJS.ProcessEnv): void {
  const res = spawnSync(medusa, args, { cwd: root, env, stdio: "pipe" })
  if (res.status !== 0) {
    throw new Error(
      `medusa ${args.join(" ")}: ${res.status}\n${res.stderr}\n${res.stdout}`
    )
  }
}

async function waitForHealth(base: string, server: ChildProcess) {
  const deadline = Date.now() + 120_000
  while (Date.now() < deadline) {
    if (server.exitCode !== null) {
      throw new Error(`medusa start exited with ${server.exitCode}`)
    }
    try {
      const res = await fetch(`${base}/health`)
      if (res.ok) {
        return
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error("the server did not answer /health within 120 s")
}

/** The booted server, shared by every spec file of a run (global-setup.ts). */
export type Server = { base: string; db: string; pid: number | null }

/**
 * Where global set-up leaves the shared server for the spec files and
 * teardown: one file per run (two runs on one machine keep apart), named
 * by `BROWSER_SHARED_SERVER`, which global set-up sets.
 */
export const serverFile = (): string =>
  process.env.BROWSER_SHARED_SERVER ??
  path.join(SHOTS, `.server-${process.pid}.json`)

/**
 * A fresh database, migrated, an admin user, the built admin served by
 * `medusa start`. Global set-up calls it once per run; a spec file run on
 * its own (no global set-up) boots its own.
 */
export async function bootServer(): Promise<Server> {
  const db = `notes_browser_${process.pid}`
  const admin = new pg.Client({ connectionString: `${PG}/postgres` })
  await admin.connect()
  await admin.query(`DROP DATABASE IF EXISTS ${db}`)
  await admin.query(`CREATE DATABASE ${db}`)
  await admin.end()

  const port = await freePort()
  const base = `http://localhost:${port}`
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: `${PG}/${db}`,
    MEDUSA_DISABLE_TELEMETRY: "true",
    LOG_LEVEL: "warn",
    PORT: String(port),
    ADMIN_CORS: base,
    AUTH_CORS: base,
    // The storefront journeys' storefront calls the store API too.
    STORE_CORS: [base, process.env.STOREFRONT_URL].filter(Boolean).join(","),
    NOTES_IP_HASH_SECRET: "browser-suite-ip-hash-secret-0123",
    NOTES_SETTLEMENT_SCHEDULE: "off",
    REDIS_URL: "",
  }
  delete env.NODE_ENV
  ensureAdminBuild(env)
  run(["db:migrate"], env)
  run(["user", "-e", ADMIN_EMAIL, "-p", ADMIN_PASSWORD], env)

  const server = spawn(medusa, ["start"], {
    cwd: root,
    env: { ...env, NODE_ENV: "production" },
    stdio: ["ignore", "inherit", "inherit"],
    detached: true,
  })
  await waitForHealth(base, server)
  return { base, db, pid: server.pid ?? null }
}

/** Stops the server (its whole process group) and drops its database. */
export async function stopServer(s: Server): Promise<void> {
  if (s.pid) {
    const alive = () => {
      try {
        process.kill(-s.pid!, 0)
        return true
      } catch {
        return false
      }
    }
    if (alive()) {
      process.kill(-s.pid, "SIGTERM")
      const deadline = Date.now() + 10_000
      while (alive() && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100))
      }
      if (alive()) {
        process.kill(-s.pid, "SIGKILL")
      }
    }
  }
  const c = new pg.Client({ connectionString: `${PG}/postgres` })
  await c.connect()
  await c.query(`DROP DATABASE IF EXISTS ${s.db} WITH (FORCE)`)
  await c.end()
}

export function writeSharedServer(s: Server | null): void {
  fs.mkdirSync(SHOTS, { recursive: true })
  if (s) {
    fs.writeFileSync(serverFile(), JSON.stringify(s))
  } else {
    fs.rmSync(serverFile(), { force: true })
  }
}

function readSharedServer(): Server | null {
  if (!process.env.BROWSER_SHARED_SERVER) {
    return null
  }
  try {
    return JSON.parse(fs.readFileSync(serverFile(), "utf8")) as Server
  } catch {
    return null
  }
}

/**
 * The admin for one spec file: the run's shared server (or one of its own),
 * an admin token for set-up through the API, and a chromium. The database
 * is shared by the run's spec files: a journey makes its own data (unique
 * names) and asserts on it, not on totals of the whole store.
 */
export async function startAdmin(): Promise<Admin> {
  const shared = readSharedServer()
  const server = shared ?? (await bootServer())
  const { base } = server

  const auth = await fetch(`${base}/auth/user/emailpass`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
  })
  const { token } = (await auth.json()) as { token: string }
  const api = async <T>(method: string, url: string, body?: unknown) => {
    const res = await fetch(base + url, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": "application/json",
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await res.text()
    if (!res.ok) {
      throw new Error(`${method} ${url}: ${res.status} ${text}`)
    }
    return (text ? JSON.parse(text) : null) as T
  }

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-dev-shm-usage"],
  })
  fs.mkdirSync(SHOTS, { recursive: true })

  return {
    base,
    token,
    api,
    browser,
    stop: async () => {
      await browser.close().catch(() => {})
      if (!shared) {
        await stopServer(server)
      }
    },
  }
}

/** Problems a page reported: console errors and failed requests. */
export type PageProblems = string[]

/**
 * Console errors that come from Medusa's own dashboard, not from this plugin,
 * each matched by message and by where React says it comes from. Every journey
 * shares this list; anything not on it fails the journey.
 */
const MEDUSA_OWN_CONSOLE_ERRORS: { reason: string; match: RegExp }[] = [
  {
    // Medusa 2.21's order summary renders a row label's toggle (the
    // "Shipping Subtotal" expander, a <div>) inside a <Text> (<p>).
    reason: "order summary nests a <div> in a <p> (Medusa 2.21)",
    match:
      /^Warning: validateDOMNesting[\s\S]*<div> p\s+at div\s+at p\s+at \S+\s+at div\s+at \w+ \(\S+\/order-detail-/,
  },
]

const isMedusaOwn = (text: string) =>
  MEDUSA_OWN_CONSOLE_ERRORS.some((known) => known.match.test(text))

/**
 * A logged-in admin page, in `language` when given. The session cookie is `Secure` in production:
 * the context says it came over https (the server trusts the proxy
 * header), and chromium keeps secure cookies for localhost.
 */
export async function adminPage(
  admin: Admin,
  { language }: { language?: string } = {}
): Promise<{ page: Page; context: BrowserContext; problems: PageProblems }> {
  const context = await admin.browser.newContext({
    viewport: { width: 1440, height: 900 },
    extraHTTPHeaders: { "x-forwarded-proto": "https" },
  })
  if (language) {
    // The dashboard's language setting (`en`, `zhCN`, …), as it stores it.
    await context.addCookies([
      { name: "lng", value: language, url: admin.base },
    ])
  }
  const page = await context.newPage()
  const problems: PageProblems = []
  // Before logging in, the dashboard asks who is logged in: 401, expected.
  let loggedIn = false
  page.on("console", (m) => {
    if (
      m.type() === "error" &&
      (loggedIn || !/401/.test(m.text())) &&
      !isMedusaOwn(m.text())
    ) {
      problems.push(`console: ${m.text()}`)
    }
  })
  page.on("requestfailed", (r) => {
    // A request the page dropped itself (it navigated away) is no failure.
    if (r.failure()?.errorText !== "net::ERR_ABORTED") {
      problems.push(
        `failed: ${r.method()} ${r.url()} ${r.failure()?.errorText}`
      )
    }
  })
  page.on("response", (r) => {
    const expected = !loggedIn && r.status() === 401
    if (r.status() >= 400 && !expected) {
      problems.push(`${r.status()}: ${r.request().method()} ${r.url()}`)
    }
  })
  await page.goto(`${admin.base}/app/login`)
  await page.locator('input[name="email"]').fill(ADMIN_EMAIL)
  await page.locator('input[name="password"]').fill(ADMIN_PASSWORD)
  await page.locator('button[type="submit"]').click()
  await page.waitForURL(/\/app\/orders/)
  loggedIn = true
  return { page, context, problems }
}

/**
 * A screenshot of the whole page in the git-ignored screenshots folder.
 * The dashboard scrolls inside its main column, not the window: the
 * viewport is stretched to that column's height for the picture.
 */
export async function shot(page: Page, name: string): Promise<string> {
  const file = path.join(SHOTS, `${name}.png`)
  const viewport = page.viewportSize() ?? { width: 1440, height: 900 }
  const height = await page.evaluate(() => {
    let tallest = document.documentElement.scrollHeight
    for (const el of Array.from(document.querySelectorAll("main, main *"))) {
      const style = getComputedStyle(el)
      if (
        /(auto|scroll)/.test(style.overflowY) &&
        el.scrollHeight > el.clientHeight
      ) {
        tallest = Math.max(
          tallest,
          el.scrollHeight + el.getBoundingClientRect().top + 16
        )
      }
    }
    return Math.ceil(tallest)
  })
  await page.setViewportSize({
    width: viewport.width,
    height: Math.min(Math.max(height, viewport.height), 6000),
  })
  await page.screenshot({ path: file, fullPage: true })
  await page.setViewportSize(viewport)
  return file
}

/*
 * Set-up through the API, shared by the journeys. Names are unique per
 * call: spec files share one database.
 */

let seq = 0
/** A short unique suffix (`a1b2c3`) for names, handles and emails. */
export function uniq(): string {
  seq += 1
  return `${Date.now().toString(36).slice(-4)}${process.pid.toString(36)}${seq}`
}

/** A published product with one variant priced in `currency` (major units). */
export async function createProduct(
  admin: Admin,
  title: string,
  price = 30,
  currency = "eur"
): Promise<{ id: string; variants: { id: string }[] }> {
  const { product } = await admin.api<{
    product: { id: string; variants: { id: string }[] }
  }>("POST", "/admin/products", {
    title,
    status: "published",
    options: [{ title: "Size", values: ["One size"] }],
    variants: [
      {
        title: "One size",
        options: { Size: "One size" },
        prices: [{ currency_code: currency, amount: price }],
      },
    ],
  })
  return product
}

let publishable: Promise<string> | null = null
/** A publishable API key (one per spec file) for store routes. */
export function publishableKey(admin: Admin): Promise<string> {
  publishable ??= admin
    .api<{ api_key: { token: string } }>("POST", "/admin/api-keys", {
      title: `browser suite ${uniq()}`,
      type: "publishable",
    })
    .then((r) => r.api_key.token)
  return publishable
}

/** A store request with the publishable key; throws on a non-2xx answer. */
export async function storeApi<T = any>(
  admin: Admin,
  method: string,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {}
): Promise<T> {
  const res = await fetch(admin.base + url, {
    method,
    headers: {
      "content-type": "application/json",
      "x-publishable-api-key": await publishableKey(admin),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  if (!res.ok) {
    throw new Error(`${method} ${url}: ${res.status} ${text}`)
  }
  return (text ? JSON.parse(text) : null) as T
}

/**
 * A customer who registered through the store as a shopper does
 * (`customer` fields such as `first_name` go with the account); answers
 * their bearer token.
 */
export async function registerCustomer(
  admin: Admin,
  email: string,
  customer: Record<string, string> = {}
): Promise<string> {
  // The storefront journeys log in with this password.
  const creds = { email, password: "buyer-pass-123" }
  const { token: registration } = await storeApi<{ token: string }>(
    admin,
    "POST",
    "/auth/customer/emailpass/register",
    creds
  )
  await storeApi(
    admin,
    "POST",
    "/store/customers",
    { email, ...customer },
    { authorization: `Bearer ${registration}` }
  )
  const { token } = await storeApi<{ token: string }>(
    admin,
    "POST",
    "/auth/customer/emailpass",
    creds
  )
  return token
}

/**
 * A buyer who applied through the store as a customer does (pending), and
 * approved unless `approve: false`. Answers the buyer's id and handle.
 */
export async function createBuyer(
  admin: Admin,
  name: string,
  { approve = true }: { approve?: boolean } = {}
): Promise<{ id: string; handle: string }> {
  const handle = `${name.toLowerCase().replace(/[^a-z0-9]/g, "")}${uniq()}`
  const token = await registerCustomer(admin, `${handle}@browser.test`)
  const { buyer } = await storeApi<{ buyer: { id: string; handle: string } }>(
    admin,
    "POST",
    "/store/buyers",
    { handle, display_name: name },
    { authorization: `Bearer ${token}` }
  )
  if (approve) {
    await admin.api("POST", `/admin/buyers/${buyer.id}/approve`, {})
  }
  return buyer
}

/** Makes the store accept these currencies (the first one the default). */
export async function ensureCurrencies(
  admin: Admin,
  codes: string[]
): Promise<void> {
  const { stores } = await admin.api<{
    stores: { id: string; supported_currencies: { currency_code: string }[] }[]
  }>("GET", "/admin/stores?fields=id,supported_currencies.currency_code")
  const have = stores[0].supported_currencies.map((c) => c.currency_code)
  if (codes.every((c) => have.includes(c)) && have[0] === codes[0]) {
    return
  }
  const all = [...new Set([...codes, ...have])]
  await admin.api("POST", `/admin/stores/${stores[0].id}`, {
    supported_currencies: all.map((c, i) => ({
      currency_code: c,
      is_default: i === 0,
    })),
  })
}

/**
 * A local image host for notes' images (the admin loads them; nothing
 * leaves the machine): `url(name)` is an SVG picture of 800 × 600.
 */
export async function imageServer(): Promise<{
  url: (name: string) => string
  close: () => Promise<void>
}> {
  const svg = (name: string) =>
    `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600" viewBox="0 0 800 600">` +
    `<rect width="800" height="600" fill="#f3e8dc"/><circle cx="400" cy="300" r="160" fill="#e0b089"/>` +
    `<text x="400" y="560" font-size="32" text-anchor="middle" fill="#6b4f3a">${name}</text></svg>`
  const server = http.createServer((req, res) => {
    res.writeHead(200, {
      "content-type": "image/svg+xml",
      "cache-control": "no-store",
    })
    res.end(svg(decodeURIComponent((req.url ?? "/").slice(1))))
  })
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r))
  const { port } = server.address() as net.AddressInfo
  return {
    url: (name) => `http://127.0.0.1:${port}/${encodeURIComponent(name)}`,
    close: () => new Promise((r) => server.close(() => r())),
  }
}
