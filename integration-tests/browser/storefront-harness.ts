import { spawn } from "node:child_process"
import path from "node:path"
import type { BrowserContext, Page } from "playwright-core"
import { freePort, type Admin, type PageProblems } from "./harness"

/*
 * The reference storefront (storefront/, Next.js) for the storefront
 * journeys: built by scripts/storefront.mjs when its build is stale, served
 * by `next start` against the suite's Medusa server. The server's buy links
 * redirect to `STOREFRONT_URL`, so that origin is chosen before the server
 * boots (global-setup.ts, or `storefrontUrl()` in a spec run on its own).
 */

const root = path.resolve(__dirname, "../..")

/** The storefront's origin, reserved once per run before the server boots. */
export async function storefrontUrl(): Promise<string> {
  const url =
    process.env.STOREFRONT_URL ?? `http://localhost:${await freePort()}`
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
 * A shopper's page (no login) at `viewport`, recording console errors,
 * failed requests and 4xx/5xx answers as the admin pages do.
 */
export async function shopperPage(
  admin: Admin,
  viewport = { width: 390, height: 844 }
): Promise<{ page: Page; context: BrowserContext; problems: PageProblems }> {
  const context = await admin.browser.newContext({
    viewport,
    deviceScaleFactor: viewport.width < 600 ? 2 : 1,
    isMobile: viewport.width < 600,
    hasTouch: viewport.width < 600,
  })
  const page = await context.newPage()
  const problems: PageProblems = []
  page.on("console", (m) => {
    if (m.type() === "error") {
      problems.push(`console: ${m.text()}`)
    }
  })
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`))
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
