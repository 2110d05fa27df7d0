import { ChildProcess, spawn } from "node:child_process"
import http from "node:http"
import path from "node:path"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import fc from "fast-check"
import { ATTRIBUTION_MODULE } from "../../src/modules/attribution"
import type AttributionModuleService from "../../src/modules/attribution/service"
import { buyLinkResolver } from "../../src/utils/buy-link-resolver"
import {
  BROWSER,
  StoreFixture,
  createApprovedBuyer,
  createStoreFixture,
  publishBuyerNote,
  sql,
} from "../helpers/fixtures"
import { privateRedis } from "../helpers/private-redis"

jest.setTimeout(300 * 1000)

// The edge (src/edge, `shoppable-notes-edge`) beside the Medusa route, on
// the same database and the same Redis click queue: every request below is
// sent to both, and the answers and stored clicks must be the same.
const redis = privateRedis(6340 + (process.pid % 50))
const QUEUE = `notes-clicks-edge-${process.pid}`
const IP_SECRET = "edge-spec-ip-hash-secret-0123456789"
process.env.NOTES_CLICK_REDIS_URL = redis.url
process.env.NOTES_CLICK_QUEUE = QUEUE
process.env.NOTES_CLICK_WORKER = "false"
process.env.NOTES_IP_HASH_SECRET = IP_SECRET
process.env.NOTES_PRODUCT_PATH = "/{country}/products/{handle}"
process.env.NOTES_DEFAULT_COUNTRY = "dk"
process.env.NOTES_COUNTRIES = "dk,de,us"

const root = path.join(__dirname, "../..")

type Answer = {
  status: number
  headers: http.IncomingHttpHeaders
}

/** One request, as sent (no client of its own adding headers). */
function raw(
  port: number,
  method: string,
  url: string,
  headers: Record<string, string>
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port, method, path: url, headers, agent: false },
      (res) => {
        res.resume()
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers })
        )
      }
    )
    req.on("error", reject)
    req.end()
  })
}

type EdgeProcess = { child: ChildProcess; port: number; out: () => string }

function startEdge(env: Record<string, string>): Promise<EdgeProcess> {
  const child = spawn(
    process.execPath,
    ["-r", "ts-node/register/transpile-only", "src/edge/bin.ts"],
    {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? "",
        PORT: "0",
        HOST: "127.0.0.1",
        STOREFRONT_URL: "https://shop.example",
        PRODUCT_PATH: "/{country}/products/{handle}",
        DEFAULT_COUNTRY: "dk",
        COUNTRIES: "dk,de,us",
        IP_HASH_SECRET: IP_SECRET,
        CLICK_QUEUE_NAME: QUEUE,
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    }
  )
  let out = ""
  child.stdout!.on("data", (d) => (out += d))
  child.stderr!.on("data", (d) => (out += d))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`edge did not start: ${out}`)),
      60_000
    )
    const onData = () => {
      const m = /EDGE READY (\d+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        child.stdout!.off("data", onData)
        resolve({ child, port: Number(m[1]), out: () => out })
      }
    }
    child.stdout!.on("data", onData)
    child.once("exit", (code) => {
      clearTimeout(timer)
      reject(new Error(`edge exited with ${code}: ${out}`))
    })
  })
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) {
      resolve(child.exitCode)
    } else {
      child.once("exit", (code) => resolve(code))
    }
  })

/**
 * Replaces the values minted per request (click ids, visitor ids) by the
 * order they first appeared in, so two servers' answers compare: the
 * second answer naming the first click id reads `#1` on both.
 */
function normaliser() {
  const seen = new Map<string, string>()
  const token = (v: string) => {
    if (!seen.has(v)) {
      seen.set(v, `#${seen.size + 1}`)
    }
    return seen.get(v)!
  }
  return {
    token,
    answer(a: Answer) {
      const location = a.headers.location
        ?.replace(/click_[0-9A-Z]{26}/g, token)
        .replace(/notes_vid=[\w-]+/g, (m) => `notes_vid=${token(m.slice(10))}`)
      const cookie = a.headers["set-cookie"]?.map((c) =>
        c.replace(/^notes_vid=([\w-]+)/, (_, v) => `notes_vid=${token(v)}`)
      )
      return { status: a.status, location, cookie }
    },
  }
}

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer, dbConfig }) => {
    let f: StoreFixture
    let codes: Record<
      "buyer" | "merchant" | "hidden" | "suspended" | "second",
      string
    >
    const edges: ChildProcess[] = []
    const medusaPort = () => Number(new URL(String(api.defaults.baseURL)).port)

    const attribution = () =>
      getContainer().resolve<AttributionModuleService>(ATTRIBUTION_MODULE)

    beforeAll(async () => {
      await redis.start()
    })

    afterAll(async () => {
      for (const e of edges) {
        e.kill("SIGKILL")
      }
      await redis.stop()
      redis.remove()
    })

    beforeEach(async () => {
      buyLinkResolver.clear()
      attribution().resetClickMemory()
      attribution().startClickWorker({
        stalledIntervalMs: 1000,
        lockDurationMs: 2000,
      })
      f = await createStoreFixture(getContainer())
      const lin = await createApprovedBuyer(
        api,
        getContainer(),
        f,
        "lin@edge.test",
        "lin"
      )
      const ana = await createApprovedBuyer(
        api,
        getContainer(),
        f,
        "ana@edge.test",
        "ana"
      )
      const linNote = await publishBuyerNote(api, lin.session, "Cream", [
        f.products[0].id,
        f.products[1].id,
      ])
      const anaNote = await publishBuyerNote(api, ana.session, "Ana", [
        f.products[0].id,
      ])
      await api.post(
        `/admin/buyers/${ana.buyerId}/suspend`,
        { reason: "x" },
        f.adminHeaders
      )
      const merchant = async (title: string) =>
        (
          await api.post(
            "/admin/notes",
            {
              title,
              body: "b",
              status: "published",
              products: [{ product_id: f.products[1].id }],
            },
            f.adminHeaders
          )
        ).data.note
      const pick = await merchant("Store pick")
      const hidden = await merchant("Hidden pick")
      await api.post(
        `/admin/notes/${hidden.id}/hide`,
        { reason: "x" },
        f.adminHeaders
      )
      codes = {
        buyer: linNote.codes[0],
        second: linNote.codes[1],
        merchant: pick.products[0].code,
        hidden: hidden.products[0].code,
        suspended: anaNote.codes[0],
      }
    })

    afterEach(async () => {
      await attribution().flushClicks()
    })

    const storedIds = async () =>
      (
        await sql<{ id: string }>(
          getContainer(),
          "select id from referral_click"
        )
      ).map((r) => r.id)

    /** Waits until `n` clicks are stored (the positive signal), or times out. */
    const waitStored = async (n: number, timeoutMs = 90_000) => {
      const deadline = Date.now() + timeoutMs
      let count = (await storedIds()).length
      while (count < n && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200))
        await attribution().flushClicks()
        count = (await storedIds()).length
      }
      return count
    }

    const clickRows = async (ids: string[]) =>
      sql<Record<string, unknown>>(
        getContainer(),
        `select * from referral_click where id in (${ids.map(() => "?").join(", ")}) order by clicked_at, id`,
        ids
      )

    // Every case from one client address (a proxy's X-Forwarded-For, read
    // as Medusa's trust proxy 1 reads it), in order: the duplicate and
    // burst memory of each server sees the same sequence.
    const XFF = { "x-forwarded-for": "198.51.100.1, 203.0.113.7" }
    const VISITOR = "visitor_aaaaaaaaaaaaaaaa"
    const cases = (): [string, string, Record<string, string>][] => [
      [
        "GET",
        `/r/${codes.buyer}?utm_source=xhs&utm_campaign=winter&other=x`,
        { referer: "https://notes.example/n/1" },
      ],
      ["GET", `/r/${codes.buyer}`, { cookie: `notes_vid=${VISITOR}` }],
      // The same visitor again: a duplicate, sent on with the first ref.
      [
        "GET",
        `/r/${codes.buyer}?utm_medium=again`,
        { cookie: `a=1; notes_vid=${VISITOR}; b=2` },
      ],
      ["GET", `/r/${codes.second}`, { cookie: `notes_vid="${VISITOR}"` }],
      ["GET", `/r/${codes.merchant}`, { cookie: "notes_vid=short" }],
      ["GET", `/r/${codes.suspended}`, {}],
      ["GET", `/r/${codes.hidden}`, {}],
      ["GET", "/r/AAAAAAAAAAAA", {}],
      ["GET", "/r/short", {}],
      ["GET", "/r/..%2F..%2Fetc", {}],
      ["GET", `/r/${codes.buyer}x`, {}],
      ["HEAD", `/r/${codes.buyer}`, {}],
      ["GET", `/r/${codes.buyer}`, { "user-agent": "facebookexternalhit/1.1" }],
      ["GET", `/r/${codes.buyer}`, { "user-agent": "Slackbot-LinkExpanding" }],
      ["GET", `/r/${codes.buyer}`, { "user-agent": "" }],
      ["GET", `/r/${codes.second}`, { "cf-ipcountry": "DE" }],
      ["GET", `/r/${codes.second}`, { "cf-ipcountry": "FR" }],
      ["GET", `/r/${codes.second}`, { "x-vercel-ip-country": "us" }],
      ["GET", `/r/${codes.merchant}`, { "x-forwarded-proto": "https" }],
      [
        "GET",
        `/r/${codes.merchant}?utm_source=a&utm_source=b&utm_medium[x]=1&utm_term=${"t".repeat(300)}&utm_content=%00ok%0A`,
        {},
      ],
      ["GET", `/r/${codes.merchant}/?utm_source=slash`, {}],
    ]

    const runCases = async (port: number) => {
      const n = normaliser()
      const answers = []
      for (const [method, url, headers] of cases()) {
        const a = await raw(port, method, url, {
          "user-agent": BROWSER,
          ...XFF,
          ...headers,
        })
        answers.push({ method, url, ...n.answer(a) })
      }
      return { answers, n }
    }

    /** A stored click with its minted values replaced as in the answers. */
    const comparable = (
      row: Record<string, unknown>,
      n: ReturnType<typeof normaliser>
    ): Record<string, unknown> => {
      const {
        id,
        clicked_at: _at,
        created_at: _c,
        updated_at: _u,
        visitor_id,
        ...rest
      } = row
      return {
        ...rest,
        id: n.token(String(id)),
        visitor_id: n.token(String(visitor_id)),
      }
    }

    it("answers every request as the Medusa route does, and its clicks are stored alike through the queue", async () => {
      const edge = await startEdge({
        DATABASE_URL: dbConfig.clientUrl,
        REDIS_URL: redis.url,
      })
      edges.push(edge.child)

      const medusa = await runCases(medusaPort())
      // Every answer with a ref stored one click (a duplicate too, with
      // its own id).
      const expected = medusa.answers.filter((a) =>
        /[?&]ref=#/.test(a.location ?? "")
      ).length
      expect(expected).toBe(16)
      expect(await waitStored(expected)).toBe(expected)
      const medusaIds = await storedIds()

      const viaEdge = await runCases(edge.port)
      expect(viaEdge.answers).toEqual(medusa.answers)
      expect(await waitStored(2 * expected)).toBe(2 * expected)
      const edgeIds = (await storedIds()).filter(
        (id) => !medusaIds.includes(id)
      )

      const medusaRows = (await clickRows(medusaIds)).map((r) =>
        comparable(r, medusa.n)
      )
      const edgeRows = (await clickRows(edgeIds)).map((r) =>
        comparable(r, viaEdge.n)
      )
      expect(edgeRows).toEqual(medusaRows)
      // The cases cover what they claim to.
      expect(medusaRows.map((r) => r.dropped_reason).sort()).toEqual(
        [
          ...Array(10).fill(null),
          "bot",
          "bot",
          "bot",
          "duplicate",
          "head",
          "not_earning",
        ].sort()
      )
      const health = await raw(edge.port, "GET", "/health", {})
      expect(health.status).toBe(200)
    })

    it("keeps answering 302 and stores every click in PostgreSQL when Redis is down", async () => {
      const edge = await startEdge({
        DATABASE_URL: dbConfig.clientUrl,
        REDIS_URL: redis.url,
      })
      edges.push(edge.child)
      const before = (await storedIds()).length
      await redis.stop()
      try {
        const statuses: number[] = []
        for (let i = 0; i < 20; i++) {
          const a = await raw(edge.port, "GET", `/r/${codes.buyer}`, {
            "user-agent": BROWSER,
            "x-forwarded-for": `203.0.113.${i + 1}`,
          })
          statuses.push(a.status)
          expect(a.headers.location).toMatch(/ref=click_/)
        }
        expect(statuses).toEqual(Array(20).fill(302))
        expect(await waitStored(before + 20)).toBe(before + 20)
      } finally {
        await redis.start()
      }
      edge.child.kill("SIGTERM")
      expect(await exited(edge.child)).toBe(0)
    })

    it("drains the clicks it holds on SIGTERM, and refuses new connections", async () => {
      // No Redis: clicks are written by the edge, here only when drained.
      const edge = await startEdge({
        DATABASE_URL: dbConfig.clientUrl,
        CLICK_FLUSH_MS: "60000",
      })
      edges.push(edge.child)
      const refs: string[] = []
      for (let i = 0; i < 25; i++) {
        const a = await raw(edge.port, "GET", `/r/${codes.merchant}`, {
          "user-agent": BROWSER,
          "x-forwarded-for": `203.0.113.${i + 1}`,
        })
        expect(a.status).toBe(302)
        refs.push(new URL(a.headers.location!).searchParams.get("ref")!)
      }
      const health = await raw(edge.port, "GET", "/health", {})
      expect(health.status).toBe(200)
      // (Only this test's clicks: a click an earlier test sent to a Redis
      // that went down may reach the queue when it is back: ioredis resends
      // it; stored once by id wherever it lands.)
      const stored = async () =>
        (await storedIds()).filter((id) => refs.includes(id)).length
      expect(await stored()).toBe(0)

      edge.child.kill("SIGTERM")
      expect(await exited(edge.child)).toBe(0)
      expect(edge.out()).toContain("EDGE STOPPED 0")
      expect(await stored()).toBe(25)
      await expect(
        raw(edge.port, "GET", `/r/${codes.merchant}`, {})
      ).rejects.toThrow()
    })

    it("never answers 5xx to odd requests (fast-check), and stays healthy", async () => {
      const edge = await startEdge({ DATABASE_URL: dbConfig.clientUrl })
      edges.push(edge.child)
      const token = fc.stringMatching(/^[\w%.~!*'();:@&=+$,/?#[\]-]{0,40}$/)
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom("GET", "HEAD", "POST", "DELETE", "OPTIONS"),
          fc.oneof(
            token.map((t) => `/r/${t}`),
            token.map((t) => `/r/${codes.buyer}?${t}`),
            token.map((t) => `/${t}`)
          ),
          fc.record({
            cookie: token,
            "x-forwarded-for": token,
            "x-forwarded-proto": token,
            "cf-ipcountry": token,
            "user-agent": token,
            referer: token,
          }),
          async (method, url, headers) => {
            const a = await raw(edge.port, method, url, headers)
            expect(a.status).toBeLessThan(500)
            if (a.status === 302) {
              expect(new URL(a.headers.location!).origin).toBe(
                "https://shop.example"
              )
            }
          }
        ),
        { numRuns: 300 }
      )
      const health = await raw(edge.port, "GET", "/health", {})
      expect(health.status).toBe(200)
    })

    it("refuses to start on a bad option, naming it", async () => {
      await expect(
        startEdge({
          DATABASE_URL: dbConfig.clientUrl,
          PRODUCT_PATH: "/p/{handle}/{sku}",
        })
      ).rejects.toThrow(/PRODUCT_PATH: may only contain the placeholders/)
    })
  },
})
