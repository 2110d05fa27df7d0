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
// Redis on a loaded machine can take longer than the default 250 ms: a
// click would then be classified by the process's own memory (the
// fallback, tested apart), not by the shared one these tests are about.
process.env.NOTES_CLICK_ENQUEUE_TIMEOUT_MS = "10000"
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
        CLICK_ENQUEUE_TIMEOUT_MS: "10000",
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
      // This process's memory and the one shared in Redis by every process.
      await attribution().resetClickMemory()
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

      // The duplicate and burst memory is shared: forget the Medusa run's,
      // so the edge sees the same sequence from the start.
      await attribution().resetClickMemory()
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

    const refOf = (a: Answer) =>
      new URL(a.headers.location!).searchParams.get("ref")!

    it("shares the duplicate and burst memory with the Medusa route through Redis", async () => {
      const env = { DATABASE_URL: dbConfig.clientUrl, REDIS_URL: redis.url }
      const [one, two] = [await startEdge(env), await startEdge(env)]
      edges.push(one.child, two.child)
      const ports = [medusaPort(), one.port, two.port]
      const visitor = "visitor_shared_memory_0001"
      const click = (port: number, ip: string, vid = visitor) =>
        raw(port, "GET", `/r/${codes.buyer}`, {
          "user-agent": BROWSER,
          "x-forwarded-for": ip,
          cookie: `notes_vid=${vid}`,
        })

      // The same visitor through Medusa, then through each edge (another
      // address: not a burst): the second and third clicks are
      // duplicates, sent on with the click that counted.
      const first = await click(medusaPort(), "198.51.100.20")
      const again = [
        await click(one.port, "198.51.100.21"),
        await click(two.port, "198.51.100.22"),
      ]
      expect(again.map(refOf)).toEqual([refOf(first), refOf(first)])
      // A different visitor on an edge counts.
      const other = await click(
        one.port,
        "198.51.100.23",
        "visitor_shared_other_01"
      )
      expect(refOf(other)).not.toBe(refOf(first))

      // Bursts from one address, spread over the three processes: the
      // first 30 of the window count (the limit), the rest are bursts.
      const burstRefs: string[] = []
      for (let i = 0; i < 36; i++) {
        const a = await click(
          ports[i % 3],
          "198.51.100.99",
          `visitor_burst_${String(i).padStart(10, "0")}`
        )
        burstRefs.push(refOf(a))
      }
      const ids = [refOf(first), refOf(other), ...burstRefs]
      expect(await waitStored(ids.length + 2)).toBe(ids.length + 2)
      const rows = await sql<{ id: string; dropped_reason: string | null }>(
        getContainer(),
        "select id, dropped_reason from referral_click order by clicked_at, id"
      )
      const reasonOf = new Map(rows.map((r) => [r.id, r.dropped_reason]))
      expect(reasonOf.get(refOf(first))).toBeNull()
      expect(reasonOf.get(refOf(other))).toBeNull()
      expect(burstRefs.map((id) => reasonOf.get(id))).toEqual([
        ...Array(30).fill(null),
        ...Array(6).fill("burst"),
      ])
      // The two duplicates are stored with their own ids, as duplicates.
      const duplicates = rows.filter((r) => r.dropped_reason === "duplicate")
      expect(duplicates).toHaveLength(2)
      expect(rows).toHaveLength(ids.length + 2)
    })

    it("drops a hidden note's cached code on every edge within 1 s", async () => {
      const edge = await startEdge({
        DATABASE_URL: dbConfig.clientUrl,
        REDIS_URL: redis.url,
      })
      edges.push(edge.child)
      const code = codes.merchant
      const health = async () =>
        JSON.parse(
          await new Promise<string>((resolve, reject) => {
            http
              .get(`http://127.0.0.1:${edge.port}/health`, (res) => {
                let body = ""
                res.on("data", (d) => (body += d))
                res.on("end", () => resolve(body))
              })
              .on("error", reject)
          })
        ) as { lookups: { queries: number; invalidations: number } }
      const go = () =>
        raw(edge.port, "GET", `/r/${code}`, {
          "user-agent": "facebookexternalhit/1.1",
        })
      expect((await go()).headers.location).toMatch(/\/products\//)
      // Cached: the second answer costs no query.
      const queries = (await health()).lookups.queries
      expect((await go()).headers.location).toMatch(/\/products\//)
      expect((await health()).lookups.queries).toBe(queries)

      const [note] = await sql<{ note_id: string }>(
        getContainer(),
        "select note_id from note_product where code = ?",
        [code]
      )
      await api.post(
        `/admin/notes/${note.note_id}/hide`,
        { reason: "x" },
        f.adminHeaders
      )
      const hiddenAt = Date.now()
      let location = ""
      while (Date.now() - hiddenAt < 1000) {
        location = (await go()).headers.location ?? ""
        if (location === "https://shop.example/") {
          break
        }
        await new Promise((r) => setImmediate(r))
      }
      expect(location).toBe("https://shop.example/")
      expect(Date.now() - hiddenAt).toBeLessThan(1000)
      expect((await health()).lookups.invalidations).toBeGreaterThan(0)
    })

    it("keeps answering 302 and stores every click in PostgreSQL when Redis is down", async () => {
      const edge = await startEdge({
        DATABASE_URL: dbConfig.clientUrl,
        REDIS_URL: redis.url,
      })
      edges.push(edge.child)
      // A visitor counted through Redis; the edge mirrors the verdict in
      // its own memory, which classifies the repeat while Redis is down.
      const mirrored = { cookie: "notes_vid=visitor_mirrored_00001" }
      const counted = await raw(edge.port, "GET", `/r/${codes.second}`, {
        "user-agent": BROWSER,
        "x-forwarded-for": "203.0.113.210",
        ...mirrored,
      })
      const before = (await storedIds()).length + 1
      expect(await waitStored(before)).toBe(before)
      await redis.stop()
      try {
        const repeat = await raw(edge.port, "GET", `/r/${codes.second}`, {
          "user-agent": BROWSER,
          "x-forwarded-for": "203.0.113.211",
          ...mirrored,
        })
        expect(repeat.status).toBe(302)
        expect(refOf(repeat)).toBe(refOf(counted))
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
        // The same visitor twice: this process's memory classifies it.
        const vid = { cookie: "notes_vid=visitor_redis_down_0001" }
        const a = await raw(edge.port, "GET", `/r/${codes.buyer}`, {
          "user-agent": BROWSER,
          "x-forwarded-for": "203.0.113.200",
          ...vid,
        })
        const b = await raw(edge.port, "GET", `/r/${codes.buyer}`, {
          "user-agent": BROWSER,
          "x-forwarded-for": "203.0.113.201",
          ...vid,
        })
        expect([a.status, b.status]).toEqual([302, 302])
        expect(refOf(b)).toBe(refOf(a))
        expect(await waitStored(before + 23)).toBe(before + 23)
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

    it("keeps a click the database refuses in referral_click_failure", async () => {
      // No Redis: the edge writes the clicks itself. A constraint of this
      // test's database refuses one value.
      await sql(
        getContainer(),
        "alter table referral_click add constraint edge_spec_poison check (utm_source is distinct from 'poison') not valid"
      )
      try {
        const edge = await startEdge({ DATABASE_URL: dbConfig.clientUrl })
        edges.push(edge.child)
        const send = (utm: string, ip: string) =>
          raw(edge.port, "GET", `/r/${codes.merchant}?utm_source=${utm}`, {
            "user-agent": BROWSER,
            "x-forwarded-for": ip,
          })
        const bad = await send("poison", "203.0.113.50")
        const good = await send("fine", "203.0.113.51")
        expect([bad.status, good.status]).toEqual([302, 302])
        edge.child.kill("SIGTERM")
        expect(await exited(edge.child)).toBe(0)
        expect(await storedIds()).toContain(refOf(good))
        expect(await storedIds()).not.toContain(refOf(bad))
        const failures = await sql<{
          kind: string
          click_id: string
          reason: string
          payload: string
          attempts: number
        }>(
          getContainer(),
          "select kind, click_id, reason, payload, attempts from referral_click_failure where click_id = ?",
          [refOf(bad)]
        )
        expect(failures).toHaveLength(1)
        expect(failures[0].kind).toBe("rejected")
        expect(failures[0].reason).toMatch(/^23514: .*edge_spec_poison/)
        expect(JSON.parse(failures[0].payload)).toMatchObject({
          id: refOf(bad),
          utm_source: "poison",
        })
        expect(edge.out()).toContain("kept in referral_click_failure")
      } finally {
        await sql(
          getContainer(),
          "alter table referral_click drop constraint edge_spec_poison"
        )
      }
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
