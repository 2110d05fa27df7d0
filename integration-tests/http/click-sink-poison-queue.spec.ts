import { Queue } from "bullmq"
import IORedis from "ioredis"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { buyLinkResolver } from "../../src/utils/buy-link-resolver"
import type { ClickRecord } from "../../src/modules/attribution/service"
import {
  attributionOf,
  clickFailures,
  clickFor,
  storedClickIds,
  waitFor,
} from "../helpers/click-sink"
import {
  BROWSER,
  StoreFixture,
  createApprovedBuyer,
  createCustomerSession,
  createStoreFixture,
  placeOrder,
  settle,
  sql,
} from "../helpers/fixtures"

jest.setTimeout(180 * 1000)

// The BullMQ sink on the machine's Redis, in a queue of this run's own.
const REDIS_URL = process.env.NOTES_TEST_REDIS_URL ?? "redis://127.0.0.1:6379"
const QUEUE = `notes-clicks-poison-${process.pid}`
process.env.NOTES_CLICK_REDIS_URL = REDIS_URL
process.env.NOTES_CLICK_QUEUE = QUEUE
delete process.env.NOTES_CLICK_WORKER

type Session = Awaited<ReturnType<typeof createCustomerSession>>

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let f: StoreFixture
    let shopper: Session
    let buyerId: string
    let code: string

    const attribution = () => attributionOf(getContainer())

    afterAll(async () => {
      const connection = new IORedis(REDIS_URL, { maxRetriesPerRequest: null })
      const q = new Queue(QUEUE, { connection })
      await q.obliterate({ force: true }).catch(() => undefined)
      await q.close()
      connection.disconnect()
    })

    beforeEach(async () => {
      buyLinkResolver.clear()
      await attribution().resetClickMemory()
      // Normally started with the application; a no-op if it was.
      attribution().startClickWorker()
      f = await createStoreFixture(getContainer())
      const approved = await createApprovedBuyer(
        api,
        getContainer(),
        f,
        "lin@poison-queue.test",
        "lin"
      )
      buyerId = approved.buyerId
      shopper = await createCustomerSession(
        getContainer(),
        f,
        "shopper@poison-queue.test"
      )
      code = (
        await api.post(
          "/store/buyers/me/notes",
          {
            title: "Cream",
            body: "b",
            status: "published",
            products: [{ product_id: f.products[0].id }],
          },
          approved.session.headers
        )
      ).data.note.products[0].code
    })

    // The queue outlives each test's database: let it drain first.
    afterEach(async () => {
      await waitFor("the click queue to drain", async () => {
        await attribution().flushClicks()
        return (await attribution().queuedClicks()) === 0
      })
    })

    const health = async () =>
      (await api.get("/admin/clicks/health", f.adminHeaders)).data.health

    const waitStored = (ids: string[]) =>
      waitFor(`${ids.length} clicks stored`, async () => {
        const stored = await storedClickIds(getContainer(), ids)
        return stored.size === ids.length && stored
      })

    it("isolates poison jobs: the good clicks batched with them are stored and attributable, the poison dead-lettered, no job left failing", async () => {
      expect(attribution().clickSink()).toBe("bullmq")
      const good: ClickRecord[] = []
      const poison: ClickRecord[] = []
      for (let i = 0; i < 33; i++) {
        const bad = i % 11 === 5
        const c = await clickFor(
          getContainer(),
          code,
          bad
            ? [
                { utm_source: "a\u0000b" },
                { user_agent: "Mozilla\u0000" },
                { utm_content: "\u0000" },
              ][poison.length]
            : { utm_source: `good-${i}` }
        )
        ;(bad ? poison : good).push(c)
      }
      const outcomes = await Promise.all(
        [...good.slice(0, 15), ...poison, ...good.slice(15)].map((c) =>
          attribution().acceptClick(c)
        )
      )
      expect(outcomes.every((o) => o === "queued")).toBe(true)

      await waitStored(good.map((c) => c.id))
      const failures = await waitFor("3 dead letters", async () => {
        const rows = await clickFailures(getContainer())
        return rows.length === 3 && rows
      })
      expect(failures.map((r) => r.click_id).sort()).toEqual(
        poison.map((c) => c.id).sort()
      )
      for (const r of failures) {
        expect(r).toMatchObject({ kind: "rejected", clicks: 1 })
        expect(r.reason).toMatch(/invalid message format|0x00/)
        expect(JSON.parse(r.payload).id).toBe(r.click_id)
      }
      expect(
        (
          await storedClickIds(
            getContainer(),
            poison.map((c) => c.id)
          )
        ).size
      ).toBe(0)
      await waitFor(
        "the queue to drain",
        async () => (await attribution().queuedClicks()) === 0
      )

      // Later clicks are not held behind the poison.
      const later = await clickFor(getContainer(), code)
      expect(await attribution().acceptClick(later)).toBe("queued")
      await waitStored([later.id])

      const order = await placeOrder(api, f, {
        headers: shopper.headers,
        items: [{ variant_id: f.products[0].variants[0].id, quantity: 1 }],
        before: (cartId) =>
          api.post(
            `/store/carts/${cartId}/referral`,
            { click_id: good[20].id },
            shopper.headers
          ),
      })
      const decided = await waitFor(
        `the attribution of ${order.id}`,
        async () => {
          const res = await settle(
            api.get(`/admin/orders/${order.id}/attribution`, f.adminHeaders)
          )
          return res.status === 200 && res.data.attribution
        }
      )
      expect(decided).toMatchObject({
        outcome: "attributed",
        buyer: { id: buyerId },
        click: { id: good[20].id },
      })

      const h = await health()
      expect(h).toMatchObject({
        sink: "bullmq",
        status: "ok",
        backlog: { buffer: 0, queue: 0, queue_failed: 0, queue_error: null },
        oldest_waiting: null,
        incident: null,
        failures: { rows: 3, clicks: 3 },
      })
      expect(h.failures.recent.map((r: { kind: string }) => r.kind)).toEqual([
        "rejected",
        "rejected",
        "rejected",
      ])
    })

    it("stores a poisoned request's click cleaned, through the queue", async () => {
      const res = await api.request({
        url: `/r/${code}?utm_source=%00&utm_campaign=spring%00%01sale`,
        maxRedirects: 0,
        validateStatus: () => true,
        headers: { "user-agent": BROWSER, referer: "https://n.example/%00" },
      })
      expect(res.status).toBe(302)
      const ref = new URL(res.headers.location).searchParams.get("ref")!
      await waitStored([ref])
      const [row] = await sql<Record<string, string | null>>(
        getContainer(),
        "select utm_source, utm_campaign, dropped_reason from referral_click where id = ?",
        [ref]
      )
      expect(row).toEqual({
        utm_source: null,
        utm_campaign: "springsale",
        dropped_reason: null,
      })
      expect(await clickFailures(getContainer())).toEqual([])
    })
  },
})
