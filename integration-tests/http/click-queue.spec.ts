import { ChildProcess, spawn } from "node:child_process"
import path from "node:path"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ATTRIBUTION_MODULE } from "../../src/modules/attribution"
import type AttributionModuleService from "../../src/modules/attribution/service"
import { buyLinkResolver } from "../../src/utils/buy-link-resolver"
import { StoreFixture, createStoreFixture, sql } from "../helpers/fixtures"
import { privateRedis } from "../helpers/private-redis"

jest.setTimeout(240 * 1000)

// A private Redis for this suite (append-only, fsync always), so that
// stopping it does not disturb anything else on the machine.
const redis = privateRedis(6390 + (process.pid % 50))
process.env.NOTES_CLICK_REDIS_URL = redis.url
process.env.NOTES_CLICK_QUEUE = `notes-clicks-test-${process.pid}`
// The in-app server only produces; workers run where each test says.
process.env.NOTES_CLICK_WORKER = "false"

const root = path.join(__dirname, "../..")
const BROWSER =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"
const startRedis = () => redis.start()
const stopRedis = () => redis.stop()

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer, dbConfig }) => {
    let f: StoreFixture
    let code: string
    const workers: ChildProcess[] = []

    beforeAll(async () => {
      await startRedis()
    })

    afterAll(async () => {
      for (const w of workers) {
        w.kill("SIGKILL")
      }
      await stopRedis()
      redis.remove()
    })

    const attribution = () =>
      getContainer().resolve<AttributionModuleService>(ATTRIBUTION_MODULE)

    beforeEach(async () => {
      buyLinkResolver.clear()
      await attribution().resetClickMemory()
      f = await createStoreFixture(getContainer())
      code = (
        await api.post(
          "/admin/notes",
          {
            title: "Pick",
            body: "b",
            status: "published",
            products: [{ product_id: f.products[0].id }],
          },
          f.adminHeaders
        )
      ).data.note.products[0].code
    })

    afterEach(async () => {
      await attribution().flushClicks()
    })

    // Visitors with their own cookies; one in ten is a bot. (All come from
    // one address, so most are stored as bursts: stored is what matters.)
    const send = (i: number) =>
      api.request({
        url: `/r/${code}`,
        maxRedirects: 0,
        validateStatus: () => true,
        headers: {
          "user-agent": i % 10 === 0 ? "facebookexternalhit/1.1" : BROWSER,
          cookie: `notes_vid=visitor_${String(i).padStart(16, "0")}`,
        },
      })

    const sendMany = async (from: number, to: number) => {
      const statuses: number[] = []
      for (let i = from; i < to; i += 20) {
        const batch = await Promise.all(
          Array.from({ length: Math.min(20, to - i) }, (_, k) => send(i + k))
        )
        statuses.push(...batch.map((r) => r.status))
      }
      return statuses
    }

    const stored = async () => {
      const [{ n, dropped }] = await sql<{ n: string; dropped: string }>(
        getContainer(),
        "select count(*) as n, count(*) filter (where dropped_reason = 'bot') as dropped from referral_click"
      )
      return { n: Number(n), dropped: Number(dropped) }
    }

    const waitStored = async (expected: number, timeoutMs: number) => {
      const deadline = Date.now() + timeoutMs
      let last = await stored()
      while (Date.now() < deadline && last.n < expected) {
        await new Promise((r) => setTimeout(r, 250))
        await attribution().flushClicks()
        last = await stored()
      }
      return last
    }

    const queueDrained = async (timeoutMs: number) => {
      const deadline = Date.now() + timeoutMs
      let backlog = await attribution().queuedClicks()
      while (backlog > 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 250))
        backlog = await attribution().queuedClicks()
      }
      return backlog
    }

    const startWorker = async () => {
      const child = spawn(
        path.join(root, "node_modules/.bin/medusa"),
        ["exec", "./scripts/click-worker.ts"],
        {
          cwd: root,
          env: {
            ...process.env,
            DATABASE_URL: dbConfig.clientUrl,
            NOTES_CLICK_WORKER: "false",
            NOTES_CLICK_STALLED_MS: "1000",
            NOTES_CLICK_LOCK_MS: "2000",
            LOG_LEVEL: "error",
          },
          stdio: ["ignore", "pipe", "pipe"],
        }
      )
      workers.push(child)
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error("worker did not start")),
          120_000
        )
        let out = ""
        child.stdout!.on("data", (d) => {
          out += d
          if (out.includes("CLICK WORKER READY")) {
            clearTimeout(timer)
            resolve()
          }
        })
        child.on("exit", (c) =>
          reject(new Error(`worker exited with ${c}: ${out}`))
        )
      })
      return child
    }

    it("goes through the Redis queue and loses no click when the worker is killed mid-load", async () => {
      expect(attribution().clickSink()).toBe("bullmq")
      const first = await startWorker()
      const sent = 600
      const statuses = await sendMany(0, 300)
      first.kill("SIGKILL")
      statuses.push(...(await sendMany(300, sent)))
      expect(statuses.every((s) => s === 302)).toBe(true)

      await startWorker()
      const result = await waitStored(sent, 90_000)
      expect(result.n).toBe(sent)
      expect(result.dropped).toBe(sent / 10)
      // Jobs the killed worker had written but not completed are taken
      // over once their lock stalls (a no-op write): the queue drains.
      expect(await queueDrained(30_000)).toBe(0)
    })

    it("keeps answering at once and writes directly when Redis stops mid-load", async () => {
      attribution().startClickWorker({
        stalledIntervalMs: 1000,
        lockDurationMs: 2000,
      })
      const before = await sendMany(0, 150)
      await stopRedis()
      const started = Date.now()
      const during = await sendMany(150, 300)
      const elapsed = Date.now() - started
      expect([...before, ...during].every((s) => s === 302)).toBe(true)
      // 150 redirects without Redis: each waits at most the enqueue timeout.
      expect(elapsed).toBeLessThan(150 * 300)
      await startRedis()
      const result = await waitStored(300, 90_000)
      expect(result.n).toBe(300)
      expect(result.dropped).toBe(30)
    })
  },
})
