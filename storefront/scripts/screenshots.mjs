#!/usr/bin/env node
// Screenshots of the storefront in Debian's Chromium, phone (390×844) and
// desktop (1280×800): the feed and a note page.
//
//   STOREFRONT_URL=http://localhost:8000 NOTE_ID=note_… node scripts/screenshots.mjs
//
// Nothing leaves the machine: images on other hosts (the demo's product
// photos live on S3) are answered with a local placeholder, so the pages'
// layout shows without network access. PNGs go to storefront/screenshots/
// (git-ignored). Fails on console errors and on failed same-origin requests.
import fs from "node:fs"
import path from "node:path"
import { fileURLToPath } from "node:url"
import { chromium } from "playwright-core"

const here = path.dirname(fileURLToPath(import.meta.url))
const out = path.join(here, "..", "screenshots")
const base = process.env.STOREFRONT_URL ?? "http://localhost:8000"
const noteId = process.env.NOTE_ID
const origin = new URL(base).origin

const hues = [350, 20, 200, 140, 280, 40]
function placeholder(url) {
  const name = decodeURIComponent(new URL(url).pathname.split("/").pop() ?? "")
  const hue = hues[[...name].reduce((a, c) => a + c.charCodeAt(0), 0) % 6]
  return `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="800" viewBox="0 0 600 800"><rect width="600" height="800" fill="hsl(${hue} 60% 86%)"/><circle cx="300" cy="360" r="150" fill="hsl(${hue} 55% 72%)"/><text x="300" y="640" font-family="sans-serif" font-size="28" text-anchor="middle" fill="hsl(${hue} 40% 30%)">${name.replace(/[<&>]/g, "")}</text></svg>`
}

const pages = [["feed", "/"]]
if (noteId) {
  pages.push(["note", `/notes/${noteId}`])
}
const viewports = [
  ["phone", { width: 390, height: 844 }],
  ["desktop", { width: 1280, height: 800 }],
]

fs.mkdirSync(out, { recursive: true })
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
})
const problems = []
try {
  for (const [device, viewport] of viewports) {
    const context = await browser.newContext({
      viewport,
      deviceScaleFactor: 1,
      isMobile: device === "phone",
      hasTouch: device === "phone",
    })
    await context.route(
      (url) => url.origin !== origin,
      (route) =>
        route.request().resourceType() === "image"
          ? route.fulfill({
              contentType: "image/svg+xml",
              body: placeholder(route.request().url()),
            })
          : route.abort()
    )
    const page = await context.newPage()
    page.on("console", (m) => {
      if (m.type() === "error") {
        problems.push(`${device} console: ${m.text()}`)
      }
    })
    page.on("requestfailed", (r) => {
      if (r.url().startsWith(origin)) {
        problems.push(`${device} failed: ${r.url()}`)
      }
    })
    for (const [name, route] of pages) {
      const res = await page.goto(base + route, { waitUntil: "networkidle" })
      if (!res?.ok()) {
        problems.push(`${device} ${route}: HTTP ${res?.status()}`)
      }
      const file = path.join(out, `${name}-${device}.png`)
      await page.screenshot({ path: file, fullPage: true })
      console.log(file)
    }
    await context.close()
  }
} finally {
  await browser.close()
}
if (problems.length) {
  console.error(problems.join("\n"))
  process.exit(1)
}
