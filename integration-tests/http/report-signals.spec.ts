import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ATTRIBUTION_MODULE } from "../../src/modules/attribution"
import type AttributionModuleService from "../../src/modules/attribution/service"
import type { ClickRecord } from "../../src/modules/attribution/service"
import { buyLinkResolver } from "../../src/utils/buy-link-resolver"
import {
  StoreFixture,
  createApprovedBuyer,
  createCustomerSession,
  createStoreFixture,
  followBuyLink,
  placeOrder,
  settle,
  sql,
} from "../helpers/fixtures"

jest.setTimeout(180 * 1000)

type Session = Awaited<ReturnType<typeof createCustomerSession>>
type Signal = {
  buyer_id: string
  label: string | null
  kind: string
  value: string
  program_value: string | null
  threshold: string
  since: string | null
  detail: Record<string, any>
}

const Q = 15 * 60 * 1000
const floor15 = (t: number | string | Date) =>
  new Date(Math.floor(new Date(t).getTime() / Q) * Q).toISOString()
/** a ÷ b to `places`, half-up (the numbers here are small integers). */
const share = (a: number, b: number, places = 6) =>
  (Math.round((a / b) * 10 ** places) / 10 ** places).toFixed(places)

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let f: StoreFixture
    const attribution = () =>
      getContainer().resolve<AttributionModuleService>(ATTRIBUTION_MODULE)

    beforeEach(async () => {
      buyLinkResolver.clear()
      attribution().resetClickMemory()
      f = await createStoreFixture(getContainer())
    })

    afterEach(async () => {
      await attribution().flushClicks()
    })

    /** An approved buyer with a published note tagging one product; its buy link. */
    const buyerWithNote = async (handle: string, product: number) => {
      const { session, buyerId } = await createApprovedBuyer(
        api,
        getContainer(),
        f,
        `${handle}@sig.test`,
        handle
      )
      const note = (
        await api.post(
          "/store/buyers/me/notes",
          {
            title: `${handle}'s pick`,
            body: "b",
            status: "published",
            products: [{ product_id: f.products[product].id }],
          },
          session.headers
        )
      ).data.note
      const [np] = await sql<{ id: string; code: string; product_id: string }>(
        getContainer(),
        "SELECT id, code, product_id FROM note_product WHERE note_id = ?",
        [note.id]
      )
      return { session, buyerId, noteId: note.id, ...np }
    }
    type B = Awaited<ReturnType<typeof buyerWithNote>>

    let seq = 0
    /** Clicks written straight through the sink at chosen times. */
    const record = async (
      b: B,
      at: Date[],
      dropped: ClickRecord["dropped_reason"] = null
    ) => {
      const clicks: ClickRecord[] = at.map((t) => ({
        id: `click_sig${String(++seq).padStart(6, "0")}`,
        code: b.code,
        note_id: b.noteId,
        note_product_id: b.id,
        buyer_id: b.buyerId,
        product_id: b.product_id,
        variant_id: null,
        visitor_id: `visitor_sig_${seq}`,
        ip_hash: `ip${seq % 7}`,
        user_agent: "test",
        referer: null,
        utm_source: null,
        utm_medium: null,
        utm_campaign: null,
        utm_term: null,
        utm_content: null,
        clicked_at: t,
        dropped_reason: dropped,
      }))
      await attribution().recordClicks(clicks)
    }

    /** Follow the buy link and order `variant` × `quantity` as `shopper`. */
    const buy = async (
      b: B,
      shopper: Session,
      variant: string,
      quantity = 1,
      address?: Record<string, string>
    ) => {
      const ref = await followBuyLink(api, getContainer(), b.code)
      return placeOrder(api, f, {
        headers: shopper.headers,
        items: [{ variant_id: variant, quantity }],
        before: async (cartId) => {
          if (address) {
            await api.post(
              `/store/carts/${cartId}`,
              { shipping_address: address },
              shopper.headers
            )
          }
          await api.post(
            `/store/carts/${cartId}/referral`,
            { click_id: ref },
            shopper.headers
          )
        },
      })
    }

    const waitFor = async (text: string, bindings: unknown[], n: number) => {
      for (let i = 0; i < 150; i++) {
        const [row] = await sql<{ n: string }>(getContainer(), text, bindings)
        if (Number(row.n) >= n) {
          return
        }
        await new Promise((r) => setTimeout(r, 100))
      }
      throw new Error(`timed out: ${text} ${JSON.stringify(bindings)}`)
    }

    it("flags each kind for its buyer, not for a normal one, with values from the raw tables", async () => {
      await api.post(
        "/admin/commission-rules",
        { scope: "default", type: "percentage", rate: "10" },
        f.adminHeaders
      )
      const [norm, bot, conv, spike, selfb, ret] = await Promise.all([
        buyerWithNote("norm", 0),
        buyerWithNote("bot", 0),
        buyerWithNote("conv", 0),
        buyerWithNote("spike", 1),
        buyerWithNote("selfb", 0),
        buyerWithNote("ret", 2),
      ])
      const [shopper1, shopper2, shopperN, shopperR] = await Promise.all(
        ["s1", "s2", "sn", "sr"].map((s) =>
          createCustomerSession(getContainer(), f, `${s}@shop.test`)
        )
      )

      // Clicks at chosen 15-minute buckets over the last 20 hours.
      const t0 = Math.floor(Date.now() / Q) * Q - 80 * Q
      const at = (k: number, minute = 1) => new Date(t0 + k * Q + minute * 60e3)
      const range = (n: number, from = 0) =>
        Array.from({ length: n }, (_, i) => at(from + i))
      await record(norm, range(60)) // one click per bucket
      await record(bot, range(25, 5)) // 25 counted …
      await record(bot, range(10, 2), "burst") // … 10 dropped as bursts
      await record(conv, range(45, 10))
      // spike: 5 clicks in each of 20 buckets, 200 in one
      await record(
        spike,
        range(20).flatMap((d) => Array.from({ length: 5 }, () => d))
      )
      await record(
        spike,
        Array.from({ length: 200 }, (_, i) => at(40, i % 14))
      )

      // bot: 30 clicks through the buy link with crawler user agents.
      for (let i = 0; i < 30; i++) {
        await api.request({
          url: `/r/${bot.code}`,
          maxRedirects: 0,
          validateStatus: () => true,
          headers: {
            "user-agent": `Mozilla/5.0 (compatible; Googlebot/2.${i})`,
          },
        })
      }
      await attribution().flushClicks()

      const cheap = f.products[0].variants[0].id // 20 EUR, 2 of commission
      // conv: 5 orders, 3 by one shopper, 2 by another to the same address typed differently.
      const convOrders = []
      for (const s of [shopper1, shopper1, shopper1]) {
        convOrders.push(await buy(conv, s, cheap))
      }
      for (let i = 0; i < 2; i++) {
        convOrders.push(
          await buy(conv, shopper2, cheap, 1, {
            first_name: "Bo",
            last_name: "Other",
            address_1: "  MAIN st. 1 ",
            city: "BERLIN",
            postal_code: "10115",
            country_code: "de",
          })
        )
      }
      const normOrder = await buy(norm, shopperN, cheap)
      // selfb buys through their own link: refused as self_referral.
      const selfOrder = await buy(selfb, selfb.session, cheap)
      // ret: 3 × 45 EUR (13.5 of commission), half refunded.
      const retOrder = await buy(ret, shopperR, f.products[2].variants[1].id, 3)

      const orderIds = [
        ...convOrders.map((o) => o.id),
        normOrder.id,
        selfOrder.id,
        retOrder.id,
      ]
      await waitFor(
        "SELECT count(*) AS n FROM order_attribution WHERE order_id = ANY(?)",
        [orderIds],
        orderIds.length
      )
      await waitFor(
        "SELECT count(*) AS n FROM commission_entry WHERE order_id = ?",
        [retOrder.id],
        1
      )
      const {
        data: { order: full },
      } = await api.get(
        `/admin/orders/${retOrder.id}?fields=total,payment_collections.payments.id`,
        f.adminHeaders
      )
      expect(full.total).toBe(140)
      const paymentId = full.payment_collections[0].payments[0].id
      await api.post(`/admin/payments/${paymentId}/capture`, {}, f.adminHeaders)
      await api.post(
        `/admin/payments/${paymentId}/refund`,
        { amount: 70 },
        f.adminHeaders
      )
      await waitFor(
        "SELECT count(*) AS n FROM commission_entry WHERE order_id = ? AND type = 'reversal'",
        [retOrder.id],
        1
      )

      // The decisions carry the shopper and a hash of the address, never the address.
      const decisions = await sql<{
        order_id: string
        customer_id: string | null
        shipping_address_hash: string | null
        reason: string
      }>(
        getContainer(),
        "SELECT order_id, customer_id, shipping_address_hash, reason FROM order_attribution WHERE order_id = ANY(?)",
        [orderIds]
      )
      const hashes = new Set(decisions.map((d) => d.shipping_address_hash))
      expect(hashes.size).toBe(1)
      expect([...hashes][0]).toMatch(/^[0-9a-f]{32}$/)
      expect(decisions.find((d) => d.order_id === selfOrder.id)).toMatchObject({
        reason: "self_referral",
        customer_id: selfb.session.id,
      })
      expect(
        decisions.filter((d) => d.customer_id === shopper1.id)
      ).toHaveLength(3)

      const t = Date.now()
      const { data } = await api.get(
        "/admin/program-report?preset=7d&tz=UTC&signals=include",
        f.adminHeaders
      )
      const signals: Signal[] = data.signals
      expect(data.totals).toBeDefined()
      const byKind = (kind: string) => signals.filter((s) => s.kind === kind)
      expect(signals.map((s) => `${s.kind}:${s.label}`).sort()).toEqual(
        [
          "dropped_share:BOT",
          "conversion_outlier:CONV",
          "repeat_customer:CONV",
          "self_referral:SELFB",
          "returns:RET",
          "click_spike:SPIKE",
        ].sort()
      )
      expect(signals.some((s) => s.buyer_id === norm.buyerId)).toBe(false)

      // Every number again from the raw tables, over the answer's range.
      const from = data.range.from
      const to = data.range.to
      const c = getContainer()
      const clicks = await sql<{
        buyer_id: string | null
        counted: string
        dropped: string
        first_dropped: Date | null
      }>(
        c,
        `SELECT buyer_id, count(*) FILTER (WHERE dropped_reason IS NULL) AS counted,
           count(*) FILTER (WHERE dropped_reason IS NOT NULL) AS dropped,
           min(clicked_at) FILTER (WHERE dropped_reason IS NOT NULL) AS first_dropped
         FROM referral_click WHERE clicked_at >= ? AND clicked_at < ? GROUP BY buyer_id`,
        [from, to]
      )
      const clicksOf = (id: string) => {
        const r = clicks.find((x) => x.buyer_id === id)!
        return { ...r, counted: Number(r.counted), dropped: Number(r.dropped) }
      }
      const allClicks = clicks.reduce(
        (s, r) => s + Number(r.counted) + Number(r.dropped),
        0
      )
      const allDropped = clicks.reduce((s, r) => s + Number(r.dropped), 0)
      const ordersOf = async (id: string) =>
        Number(
          (
            await sql<{ n: string }>(
              c,
              "SELECT count(DISTINCT order_id) AS n FROM attribution_line WHERE buyer_id = ? AND created_at >= ? AND created_at < ?",
              [id, from, to]
            )
          )[0].n
        )

      // dropped_share
      const [d] = byKind("dropped_share")
      const b = clicksOf(bot.buyerId)
      expect(b).toMatchObject({ counted: 25, dropped: 40 })
      expect(d).toMatchObject({
        buyer_id: bot.buyerId,
        value: share(40, 65),
        program_value: share(allDropped, allClicks),
        threshold: "0.500000",
        since: floor15(b.first_dropped!),
        detail: { clicks: 65, dropped: 40, counted: 25 },
      })

      // conversion_outlier: pooled over buyers with ≥ 50 counted clicks
      const eligible = [norm, conv, spike].map((x) => x.buyerId)
      expect(
        clicks
          .filter((r) => Number(r.counted) >= 50)
          .map((r) => r.buyer_id)
          .sort()
      ).toEqual([...eligible].sort())
      let pc = 0
      let po = 0
      for (const id of eligible) {
        pc += clicksOf(id).counted
        po += await ordersOf(id)
      }
      const P = po / pc
      const cc = clicksOf(conv.buyerId).counted
      const co = await ordersOf(conv.buyerId)
      expect([cc, co, pc, po]).toEqual([50, 5, 411, 6])
      const se = Math.sqrt((P * (1 - P)) / cc)
      const [cv] = byKind("conversion_outlier")
      const [firstConvLine] = await sql<{ at: Date }>(
        c,
        "SELECT min(created_at) AS at FROM attribution_line WHERE buyer_id = ?",
        [conv.buyerId]
      )
      expect(cv).toMatchObject({
        buyer_id: conv.buyerId,
        value: share(co, cc),
        program_value: share(po, pc),
        threshold: (P + 3 * se).toFixed(6),
        since: floor15(firstConvLine.at),
        detail: {
          clicks: cc,
          orders: co,
          z: ((co / cc - P) / se).toFixed(4),
          z_threshold: 3,
          buyers: 3,
        },
      })

      // repeat_customer: by address (5 of 5) over by customer (3 of 5)
      const attributed = await sql<{
        buyer_id: string
        customer_id: string
        shipping_address_hash: string
        decided_at: Date
      }>(
        c,
        "SELECT buyer_id, customer_id, shipping_address_hash, decided_at FROM order_attribution WHERE outcome = 'attributed' AND decided_at >= ? AND decided_at < ? ORDER BY decided_at",
        [from, to]
      )
      const mine = attributed.filter((r) => r.buyer_id === conv.buyerId)
      expect(mine).toHaveLength(5)
      const topAddress = Math.max(
        ...[...new Set(attributed.map((r) => r.shipping_address_hash))].map(
          (h) => attributed.filter((r) => r.shipping_address_hash === h).length
        )
      )
      const [rc] = byKind("repeat_customer")
      expect(rc).toMatchObject({
        buyer_id: conv.buyerId,
        value: share(5, 5),
        program_value: share(topAddress, attributed.length),
        threshold: "0.500000",
        since: floor15(mine[0].decided_at),
        detail: { by: "address", orders: 5, top_orders: 5 },
      })
      expect(attributed.length).toBe(7)

      // self_referral
      const refused = await sql<{ order_id: string; decided_at: Date }>(
        c,
        "SELECT order_id, decided_at FROM order_attribution WHERE reason = 'self_referral' AND buyer_id = ?",
        [selfb.buyerId]
      )
      expect(byKind("self_referral")).toEqual([
        expect.objectContaining({
          buyer_id: selfb.buyerId,
          value: "1",
          program_value: "1",
          threshold: "1",
          since: floor15(refused[0].decided_at),
          detail: { order_ids: [selfOrder.id] },
        }),
      ])

      // returns: −reversed ÷ accrued of the ledger
      const ledger = await sql<{
        buyer_id: string
        type: string
        amount: string
        created_at: Date
      }>(
        c,
        "SELECT buyer_id, type, amount::text AS amount, created_at FROM commission_entry WHERE status <> 'void' AND currency_code = 'eur' AND created_at >= ? AND created_at < ?",
        [from, to]
      )
      const sum = (rows: typeof ledger, type: string) =>
        rows
          .filter((r) => r.type === type)
          .reduce((s, r) => s + Number(r.amount), 0)
      const retRows = ledger.filter((r) => r.buyer_id === ret.buyerId)
      expect([sum(retRows, "accrual"), sum(retRows, "reversal")]).toEqual([
        13.5, -6.75,
      ])
      const [rt] = byKind("returns")
      expect(rt).toMatchObject({
        buyer_id: ret.buyerId,
        value: "0.500000",
        program_value: share(-sum(ledger, "reversal"), sum(ledger, "accrual")),
        threshold: "0.300000",
        since: floor15(retRows.find((r) => r.type === "reversal")!.created_at),
        detail: { currency_code: "eur", accrued: "13.5", reversed: "-6.75" },
      })

      // click_spike: the busiest bucket ÷ the mean per active bucket
      const buckets = await sql<{ buyer_id: string; bucket: Date; n: string }>(
        c,
        `SELECT buyer_id, to_timestamp(floor(extract(epoch FROM clicked_at) / 900) * 900) AS bucket, count(*) AS n
         FROM referral_click WHERE dropped_reason IS NULL AND clicked_at >= ? AND clicked_at < ?
         GROUP BY 1, 2 ORDER BY 2`,
        [from, to]
      )
      const factorOf = (rows: typeof buckets) => {
        const n = rows.map((r) => Number(r.n))
        const total = n.reduce((s, x) => s + x, 0)
        const peak = Math.max(...n)
        return { total, peak, active: n.length }
      }
      const sp = buckets.filter((r) => r.buyer_id === spike.buyerId)
      const s = factorOf(sp)
      expect(s).toEqual({ total: 300, peak: 200, active: 21 })
      const programBuckets = new Map<string, number>()
      for (const r of buckets) {
        const k = new Date(r.bucket).toISOString()
        programBuckets.set(k, (programBuckets.get(k) ?? 0) + Number(r.n))
      }
      const pn = [...programBuckets.values()]
      const pTotal = pn.reduce((x, y) => x + y, 0)
      const [ck] = byKind("click_spike")
      expect(ck).toMatchObject({
        buyer_id: spike.buyerId,
        value: share(200 * 21, 300, 4),
        program_value: share(Math.max(...pn) * pn.length, pTotal, 4),
        threshold: "10.0000",
        since: at(40, 0).toISOString(),
        detail: {
          clicks: 300,
          active_buckets: 21,
          peak_clicks: 200,
          peak_at: at(40, 0).toISOString(),
        },
      })

      // Ordered by severity: value ÷ threshold (z ÷ its option; count + 1 ÷ option).
      const sev = (x: Signal) =>
        x.kind === "conversion_outlier"
          ? Number(x.detail.z) / 3
          : x.kind === "self_referral"
            ? (Number(x.value) + 1) / Number(x.threshold)
            : Number(x.value) / Number(x.threshold)
      const sevs = signals.map(sev)
      expect([...sevs].sort((a, b) => b - a)).toEqual(sevs)

      // Without `signals` the report carries none (they cost a scan).
      const plain = (
        await api.get("/admin/program-report?preset=7d&tz=UTC", f.adminHeaders)
      ).data
      expect(plain.signals).toBeUndefined()
      expect(plain.totals).toEqual(data.totals)
      // signals=only: the range and the same signals, nothing else.
      const only = (
        await api.get(
          "/admin/program-report?preset=7d&tz=UTC&signals=only",
          f.adminHeaders
        )
      ).data
      expect(Object.keys(only).sort()).toEqual(["range", "signals"])
      expect(only.range).toEqual(data.range)
      expect(only.signals).toEqual(signals)
      // A range without the evidence has no signals.
      const early = (
        await api.get(
          `/admin/program-report?signals=only&tz=UTC&from=2020-01-01&to=2020-01-31`,
          f.adminHeaders
        )
      ).data
      expect(early.signals).toEqual([])
      expect(Date.now() - t).toBeLessThan(10_000)
    })

    it("refuses bad signals input, naming the field", async () => {
      const bad = async (
        url: string,
        field: string,
        headers = f.adminHeaders
      ) => {
        const r = await settle(api.get(url, headers))
        expect(r.status).toBe(400)
        expect(r.data.message).toContain(field)
      }
      await bad("/admin/program-report?signals=yes", "signals")
      await bad("/admin/program-report?signals=", "signals")
      await bad("/admin/program-report?signals=only&signals=only", "signals")
      await bad("/admin/program-report?signals=only&format=csv", "format")
      await bad("/admin/program-report?signals=only&tz=Mars/Base", "tz")
      const { buyerId, session } = await createApprovedBuyer(
        api,
        getContainer(),
        f,
        "solo@sig.test",
        "solo"
      )
      await bad(`/admin/buyers/${buyerId}/report?signals=only`, "signals")
      await bad(
        "/store/buyers/me/report?signals=include",
        "signals",
        session.headers
      )
      const ok = await settle(
        api.get("/admin/program-report?signals=include", f.adminHeaders)
      )
      expect(ok.status).toBe(200)
      expect(ok.data.signals).toEqual([])
      const csv = await settle(
        api.get("/admin/program-report?format=csv", f.adminHeaders)
      )
      expect(csv.status).toBe(200)
      expect(String(csv.data)).not.toContain("signals")
    })
  },
})
