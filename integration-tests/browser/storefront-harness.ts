import { spawn } from "node:child_process"
import fs from "node:fs"
import path from "node:path"
import type { BrowserContext, Page } from "playwright-core"
import { SHOTS, freePort, uniq, type Admin, type PageProblems } from "./harness"

/*
 * The reference storefront (storefront/, Next.js) for the storefront
 * journeys: built by scripts/storefront.mjs when its build is stale, served
 * by `next start` against the suite's Medusa server. The server's buy links
 * redirect to `STOREFRONT_URL`, so that origin is chosen before the server
 * boots (global-setup.ts, or `storefrontUrl()` in a spec run on its own).
 */

const root = path.resolve(__dirname, "../..")

/**
 * The storefront's origin, reserved once per run before the server boots,
 * and handed to it as `STOREFRONT_URL`. Kept in a variable of its own:
 * jest loads .env.test, whose `STOREFRONT_URL` (https://shop.example) is
 * the HTTP tests' redirect target, not a server anyone runs.
 */
export async function storefrontUrl(): Promise<string> {
  const url =
    process.env.BROWSER_STOREFRONT_URL ?? `http://localhost:${await freePort()}`
  process.env.BROWSER_STOREFRONT_URL = url
  process.env.STOREFRONT_URL = url
  return url
}

export type Storefront = { url: string; stop: () => Promise<void> }

/**
 * Builds (when stale) and starts the storefront on `STOREFRONT_URL`'s port,
 * talking to the suite's server with `publishableKey` and prices in
 * `regionId`; resolves once its home page answers.
 */
export async function startStorefront(
  admin: Admin,
  { publishableKey, regionId }: { publishableKey: string; regionId: string }
): Promise<Storefront> {
  const url = await storefrontUrl()
  const child = spawn(process.execPath, ["scripts/storefront.mjs", "start"], {
    cwd: root,
    env: {
      ...process.env,
      PORT: new URL(url).port,
      MEDUSA_BACKEND_URL: admin.base,
      MEDUSA_PUBLISHABLE_KEY: publishableKey,
      MEDUSA_REGION_ID: regionId,
    },
    stdio: ["ignore", "inherit", "inherit"],
    detached: true,
  })
  const stop = async () => {
    if (child.exitCode !== null || !child.pid) {
      return
    }
    const exited = new Promise((r) => child.once("exit", r))
    process.kill(-child.pid, "SIGTERM")
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))])
    if (child.exitCode === null) {
      process.kill(-child.pid, "SIGKILL")
    }
  }
  // A build takes a few minutes on a busy machine; then `next start`.
  const deadline = Date.now() + 600_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`the storefront exited with ${child.exitCode}`)
    }
    try {
      const res = await fetch(url)
      if (res.ok) {
        return { url, stop }
      }
    } catch {
      // Building, or not listening yet.
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  await stop()
  throw new Error(`the storefront did not answer ${url} within 10 minutes`)
}

/**
 * A phone's browser. Headless chromium says `HeadlessChrome`, which the
 * buy link counts as a bot (src/modules/attribution/utils/bots.ts): a
 * shopper's page says what a phone's Chrome says.
 */
export const PHONE_USER_AGENT =
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36"

/** The opening tags of a document's body, scripts left out (a summary). */
function bodyTags(html: string): string {
  const body = html.slice(html.indexOf("<body"))
  return (
    body.replace(/<script[\s\S]*?<\/script>/g, "").match(/<[a-z][^>]*>/g) ?? []
  )
    .map((t) =>
      t.replace(/\s(class|href|src|style|content|value|alt)="[^"]*"/g, "")
    )
    .join("")
    .slice(0, 3000)
}

/**
 * Waits until React has hydrated the page (`<html data-hydrated>`, set by
 * storefront/components/hydration-mark.tsx). A journey that typed into a
 * form and sent it in the milliseconds before hydration had its answer
 * meet the hydration under load (React #418), something no person does.
 */
export async function hydrated(page: Page, timeout = 30_000): Promise<void> {
  await page
    .locator("html[data-hydrated]")
    .waitFor({ state: "attached", timeout })
}

/**
 * Logs in on the login page the page is at: email and password, then
 * "Log in" (once the page is hydrated; `js: false` for a context without
 * JavaScript, where the form posts as a plain form).
 */
export async function logIn(
  page: Page,
  email: string,
  { password = "buyer-pass-123", js = true } = {}
): Promise<void> {
  if (js) {
    await hydrated(page)
  }
  await page.getByLabel("Email").fill(email)
  await page.getByLabel("Password").fill(password)
  await page.getByRole("button", { name: "Log in" }).click()
}

/**
 * A shopper's page (no login) at `viewport`, recording console errors,
 * failed requests and 4xx/5xx answers as the admin pages do.
 */
export async function shopperPage(
  admin: Admin,
  {
    viewport = { width: 390, height: 844 },
    userAgent = PHONE_USER_AGENT,
  }: { viewport?: { width: number; height: number }; userAgent?: string } = {}
): Promise<{ page: Page; context: BrowserContext; problems: PageProblems }> {
  const context = await admin.browser.newContext({
    viewport,
    userAgent,
    deviceScaleFactor: viewport.width < 600 ? 2 : 1,
    isMobile: viewport.width < 600,
    hasTouch: viewport.width < 600,
  })
  const page = await context.newPage()
  // A person acts on a page once it is interactive: a `goto` also waits
  // for React's hydration (a page without the mark, such as the plain
  // not-found page, is given 10 s). Pages reached by a click wait with
  // `hydrated(page)` where the journey acts on them at once.
  const goto = page.goto.bind(page)
  page.goto = (async (url: string, options?: Parameters<Page["goto"]>[1]) => {
    const response = await goto(url, options)
    await hydrated(page, 10_000).catch(() => undefined)
    return response
  }) as Page["goto"]
  const problems: PageProblems = []
  page.on("console", (m) => {
    if (m.type() === "error") {
      problems.push(`console: ${m.text()}`)
    }
  })
  // The HTML each document arrived as: a hydration error (React #418)
  // saves it beside the page as React left it, in the screenshots folder.
  const documents = new Map<string, Promise<string>>()
  page.on("response", (r) => {
    if (r.request().resourceType() === "document" && r.status() === 200) {
      documents.set(
        r.url(),
        r.text().catch(() => "")
      )
    }
  })
  page.on("pageerror", (e) => {
    const at = page.url()
    problems.push(`pageerror at ${at}: ${e.message}`)
    if (/#418/.test(e.message)) {
      const name = path.join(SHOTS, `hydration-error-${uniq()}`)
      void Promise.all([documents.get(at), page.content().catch(() => "")])
        .then(([sent, now]) => {
          fs.mkdirSync(SHOTS, { recursive: true })
          fs.writeFileSync(`${name}.sent.html`, sent ?? "")
          fs.writeFileSync(`${name}.dom.html`, now)
          // CI keeps only its log: the two bodies' tags, side by side.
          console.error(
            `hydration error at ${at}\nsent: ${bodyTags(sent ?? "")}\nDOM:  ${bodyTags(now)}`
          )
        })
        .catch(() => undefined)
    }
  })
  page.on("requestfailed", (r) => {
    if (r.failure()?.errorText !== "net::ERR_ABORTED") {
      problems.push(
        `failed: ${r.method()} ${r.url()} ${r.failure()?.errorText}`
      )
    }
  })
  page.on("response", (r) => {
    if (r.status() >= 400) {
      problems.push(`${r.status()}: ${r.request().method()} ${r.url()}`)
    }
  })
  return { page, context, problems }
}

export type Shop = {
  /** The publishable key of the shop's own sales channel. */
  key: string
  regionId: string
  product: {
    id: string
    handle: string
    variants: { id: string; title: string }[]
  }
}

/**
 * A shop the storefront can sell from: its own sales channel behind its
 * own publishable key, a region (the Netherlands, EUR) paid with the
 * system provider, and a product in that channel with two sizes at €30
 * and €36, or the `sizes` given (no shipping profile, no inventory:
 * nothing to ship). A country belongs to one region only: a second shop in
 * a run passes `countries: []`. The API answers variants in no set order:
 * find one by its title.
 */
export async function createShop(
  admin: Admin,
  title: string,
  {
    countries = ["nl"],
    sizes = [
      ["30ml", 30],
      ["50ml", 36],
    ],
  }: { countries?: string[]; sizes?: [string, number][] } = {}
): Promise<Shop> {
  const { sales_channel } = await admin.api<{ sales_channel: { id: string } }>(
    "POST",
    "/admin/sales-channels",
    { name: `Storefront ${uniq()}` }
  )
  const { api_key } = await admin.api<{
    api_key: { id: string; token: string }
  }>("POST", "/admin/api-keys", {
    title: `storefront ${uniq()}`,
    type: "publishable",
  })
  await admin.api("POST", `/admin/api-keys/${api_key.id}/sales-channels`, {
    add: [sales_channel.id],
  })
  const { region } = await admin.api<{ region: { id: string } }>(
    "POST",
    "/admin/regions",
    {
      name: `Storefront ${uniq()}`,
      currency_code: "eur",
      countries,
      payment_providers: ["pp_system_default"],
    }
  )
  const { product } = await admin.api<{ product: Shop["product"] }>(
    "POST",
    "/admin/products",
    {
      title,
      status: "published",
      sales_channels: [{ id: sales_channel.id }],
      options: [{ title: "Size", values: sizes.map(([size]) => size) }],
      variants: sizes.map(([size, amount]) => ({
        title: size,
        options: { Size: size },
        manage_inventory: false,
        prices: [{ currency_code: "eur", amount }],
      })),
    }
  )
  return { key: api_key.token, regionId: region.id, product }
}
