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

// The in-process sink (no Redis for clicks), with a small buffer bound so
// that the bound can be reached.
const BUFFER_MAX = 40
process.env.NOTES_CLICK_BUFFER_MAX = String(BUFFER_MAX)
delete process.env.NOTES_CLICK_REDIS_URL

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

    beforeEach(async () => {
      buyLinkResolver.clear()
      attribution().resetClickMemory()
      f = await createStoreFixture(getContainer())
      const approved = await createApprovedBuyer(
        api,
        getContainer(),
        f,
        "lin@poison.test",
        "lin"
      )
      buyerId = approved.buyerId
      shopper = await createCustomerSession(
        getContainer(),
        f,
        "shopper@poison.test"
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

    afterEach(async () => {
      await attribution().flushClicks()
    })

    const health = async () =>
      (await api.get("/admin/clicks/health", f.adminHeaders)).data.health

    /** Flushes until every id is stored, or fails at the deadline. */
    const waitStored = (ids: string[]) =>
      waitFor(`${ids.length} clicks stored`, async () => {
        await attribution().flushClicks()
        const stored = await storedClickIds(getContainer(), ids)
        return stored.size === ids.length && stored
      })

    const orderThrough = async (clickId: string) => {
      const order = await placeOrder(api, f, {
        headers: shopper.headers,
        items: [{ variant_id: f.products[0].variants[0].id, quantity: 1 }],
        before: (cartId) =>
          api.post(
            `/store/carts/${cartId}/referral`,
            { click_id: clickId },
            shopper.headers
          ),
      })
      return waitFor(`the attribution of ${order.id}`, async () => {
        const res = await settle(
          api.get(`/admin/orders/${order.id}/attribution`, f.adminHeaders)
        )
        return res.status === 200 && res.data.attribution
      })
    }

    it("cleans what the redirect stores from a poisoned request, and still counts the click", async () => {
      expect(attribution().clickSink()).toBe("memory")
      const long = "x".repeat(5000)
      const res = await api.request({
        url: `/r/${code}?utm_source=%00&utm_medium=a%00b%01c%7Fd%C2%80e&utm_campaign=${long}&utm_term=%ED%A0%80`,
        maxRedirects: 0,
        validateStatus: () => true,
        headers: {
          "user-agent": `${BROWSER} ${long}`,
          referer: `https://notes.example/${long}`,
        },
      })
      expect(res.status).toBe(302)
      const ref = new URL(res.headers.location).searchParams.get("ref")!
      await waitStored([ref])
      const [row] = await sql<Record<string, string | null>>(
        getContainer(),
        "select * from referral_click where id = ?",
        [ref]
      )
      expect(row).toMatchObject({
        utm_source: null,
        utm_medium: "abcde",
        dropped_reason: null,
        buyer_id: buyerId,
      })
      expect(row.utm_campaign).toBe("x".repeat(200))
      expect(row.user_agent!.length).toBe(512)
      expect(row.referer!.length).toBe(1024)
      // The redirect forwards the cleaned values, not the raw ones.
      const target = new URL(res.headers.location)
      expect(target.searchParams.get("utm_source")).toBeNull()
      expect(target.searchParams.get("utm_medium")).toBe("abcde")
      expect(await clickFailures(getContainer())).toEqual([])
    })

    it("isolates poison rows: every good click of their batch is stored and attributable, the poison dead-lettered with a reason", async () => {
      const good: ClickRecord[] = []
      const poison: ClickRecord[] = []
      // One batch: 30 good clicks with 3 poisoned ones among them, given to
      // the sink directly (the redirect would have cleaned them).
      for (let i = 0; i < 33; i++) {
        const bad = i % 11 === 5
        const c = await clickFor(
          getContainer(),
          code,
          bad
            ? [
                { utm_source: "a\u0000b" },
                { user_agent: "Mozilla\u0000" },
                { referer: "https://x.example/\u0000\ud800" },
              ][poison.length]
            : { utm_source: `good-${i}` }
        )
        ;(bad ? poison : good).push(c)
      }
      const all = [...good.slice(0, 15), ...poison, ...good.slice(15)]
      for (const c of all) {
        expect(await attribution().acceptClick(c)).toBe("buffered")
      }

      await waitStored(good.map((c) => c.id))
      const failures = await waitFor("3 dead letters", async () => {
        const rows = await clickFailures(getContainer())
        return rows.length === 3 && rows
      })
      expect(failures.map((r) => r.click_id).sort()).toEqual(
        poison.map((c) => c.id).sort()
      )
      for (const r of failures) {
        expect(r.kind).toBe("rejected")
        expect(r.clicks).toBe(1)
        // PostgreSQL's reason, without the statement knex puts in front.
        expect(r.reason).toMatch(/invalid message format|0x00/)
        expect(r.reason).not.toMatch(/insert into/i)
        // The payload is the click, intact: NUL and surrogate escaped.
        const payload = JSON.parse(r.payload)
        const original = poison.find((c) => c.id === r.click_id)!
        expect(payload).toMatchObject({
          id: original.id,
          utm_source: original.utm_source,
          user_agent: original.user_agent,
          referer: original.referer,
        })
      }
      const stored = await storedClickIds(
        getContainer(),
        all.map((c) => c.id)
      )
      expect(stored.size).toBe(30)
      expect(attribution().pendingClicks()).toBe(0)

      // Later clicks are not held behind the poison.
      const later = await clickFor(getContainer(), code)
      await attribution().acceptClick(later)
      await waitStored([later.id])

      // An order through a good click of the poisoned batch is attributed.
      const a = await orderThrough(good[20].id)
      expect(a).toMatchObject({
        outcome: "attributed",
        buyer: { id: buyerId },
        click: { id: good[20].id },
      })

      // A click dead-lettered again (a re-run job) is one row, seen twice.
      await attribution().writeClicks([poison[0]])
      const again = await clickFailures(getContainer())
      expect(again).toHaveLength(3)
      expect(again.find((r) => r.click_id === poison[0].id)!.attempts).toBe(2)

      const h = await health()
      expect(h).toMatchObject({
        sink: "memory",
        status: "ok",
        backlog: { buffer: 0, buffer_max: BUFFER_MAX, queue: null },
        oldest_waiting: null,
        incident: null,
        failures: { rows: 3, clicks: 3 },
      })
      expect(h.failures.recent).toHaveLength(3)
      expect(h.failures.recent[0]).toMatchObject({
        kind: "rejected",
        click_id: poison[0].id,
        attempts: 2,
      })
    })

    it("keeps a batch while the database cannot take it, reports the incident, and writes it all on recovery", async () => {
      const clicks = await Promise.all(
        Array.from({ length: 5 }, () => clickFor(getContainer(), code))
      )
      // The table gone is an outage, not a row's fault: nothing may be
      // dead-lettered, the batch waits and is retried.
      await sql(
        getContainer(),
        "alter table referral_click rename to referral_click_away"
      )
      try {
        for (const c of clicks) {
          await attribution().acceptClick(c)
        }
        await attribution().flushClicks()
        const during = await health()
        expect(during).toMatchObject({
          status: "failing",
          backlog: { buffer: 5 },
        })
        const attempts = during.incident.failed_attempts
        expect(during.incident.last_error).toMatch(/42P01/)
        expect(during.oldest_waiting.clicked_at).toBe(
          clicks[0].clicked_at.toISOString()
        )
        await attribution().flushClicks()
        expect((await health()).incident.failed_attempts).toBeGreaterThan(
          attempts
        )
        expect(await clickFailures(getContainer())).toEqual([])
      } finally {
        await sql(
          getContainer(),
          "alter table referral_click_away rename to referral_click"
        )
      }
      await waitStored(clicks.map((c) => c.id))
      expect(await health()).toMatchObject({
        status: "ok",
        backlog: { buffer: 0 },
        incident: null,
        failures: { rows: 0 },
      })
    })

    it("bounds the buffer: clicks over the bound are refused, counted and recorded, and the rest written", async () => {
      const before = (await health()).refused.total
      const clicks = await Promise.all(
        Array.from({ length: BUFFER_MAX + 10 }, () =>
          clickFor(getContainer(), code)
        )
      )
      // Accepted in one go (no timer runs in between): the buffer fills.
      const outcomes = await Promise.all(
        clicks.map((c) => attribution().acceptClick(c))
      )
      expect(attribution().pendingClicks()).toBeLessThanOrEqual(BUFFER_MAX)
      expect(outcomes.filter((o) => o === "buffered")).toHaveLength(BUFFER_MAX)
      expect(outcomes.filter((o) => o === "refused")).toHaveLength(10)

      const accepted = clicks.filter((_, i) => outcomes[i] === "buffered")
      const refused = clicks.filter((_, i) => outcomes[i] === "refused")
      await waitStored(accepted.map((c) => c.id))
      const [overflow] = await waitFor("the overflow row", async () => {
        await attribution().flushClicks()
        const rows = await clickFailures(getContainer())
        return rows.length === 1 && rows
      })
      expect(overflow).toMatchObject({
        kind: "overflow",
        click_id: null,
        clicks: 10,
      })
      expect(overflow.reason).toMatch(/buffer full/)
      expect(JSON.parse(overflow.payload)).toEqual({
        refused: 10,
        sample_click_ids: refused.map((c) => c.id),
      })
      expect(
        (
          await storedClickIds(
            getContainer(),
            refused.map((c) => c.id)
          )
        ).size
      ).toBe(0)

      const h = await health()
      expect(h).toMatchObject({
        status: "ok",
        backlog: { buffer: 0 },
        refused: { total: before + 10, unrecorded: 0 },
        failures: { rows: 1, clicks: 10 },
      })
    })

    it("answers the health route only to admins, with no query", async () => {
      expect((await settle(api.get("/admin/clicks/health"))).status).toBe(401)
      expect(
        (await settle(api.get("/admin/clicks/health?x=1", f.adminHeaders)))
          .status
      ).toBe(400)
    })
  },
})
