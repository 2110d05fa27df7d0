import {
  medusaIntegrationTestRunner,
  TestEventUtils,
} from "@medusajs/test-utils"
import { ATTRIBUTION_MODULE } from "../../src/modules/attribution"
import type AttributionModuleService from "../../src/modules/attribution/service"
import { buyLinkResolver } from "../../src/utils/buy-link-resolver"
import { approveCommissionsWorkflow } from "../../src/workflows"
import {
  StoreFixture,
  createCustomerSession,
  createLinAndMaya,
  createStoreFixture,
  followBuyLink,
  placeOrder,
  publishBuyerNote,
  receiveReturn,
  settle,
} from "../helpers/fixtures"

jest.setTimeout(240 * 1000)

const DAY = 24 * 3600 * 1000

type Session = Awaited<ReturnType<typeof createCustomerSession>>
type Entry = {
  id: string
  type: string
  status: string
  amount: string
  base_amount: string | null
  order_line_id: string | null
  reverses_id: string | null
  rule: { id: string; rate: string | null } | null
  available_at: string | null
  reason: string | null
  actor_id: string | null
}

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let f: StoreFixture
    let lin: Session
    let maya: Session
    let shopper: Session
    let linId: string
    let mayaId: string
    let code: string

    const attribution = () =>
      getContainer().resolve<AttributionModuleService>(ATTRIBUTION_MODULE)

    beforeEach(async () => {
      buyLinkResolver.clear()
      attribution().resetClickMemory()
      f = await createStoreFixture(getContainer())
      ;({ lin, linId, maya, mayaId } = await createLinAndMaya(
        api,
        getContainer(),
        f,
        "cm.test"
      ))
      shopper = await createCustomerSession(
        getContainer(),
        f,
        "shopper@cm.test"
      )
      ;[code] = (
        await publishBuyerNote(api, lin, "Cream and serum", [
          f.products[0].id,
          f.products[1].id,
        ])
      ).codes
    })

    afterEach(async () => {
      await attribution().flushClicks()
    })

    /** Click lin's buy link and place an order carrying the click. */
    const orderThroughBuyLink = async (
      items: { variant_id: string; quantity: number }[]
    ) => {
      const ref = await followBuyLink(api, getContainer(), code)
      return placeOrder(api, f, {
        headers: shopper.headers,
        items,
        click_id: ref,
      })
    }

    const entriesOf = async (orderId: string): Promise<Entry[]> =>
      (
        await api.get(
          `/admin/commissions?order_id=${orderId}&limit=200`,
          f.adminHeaders
        )
      ).data.commissions.reverse()

    /** Polls the order's entries until `done` holds (subscribers are asynchronous). */
    const waitFor = async (
      orderId: string,
      done: (entries: Entry[]) => boolean
    ): Promise<Entry[]> => {
      let last: Entry[] = []
      for (let i = 0; i < 100; i++) {
        last = await entriesOf(orderId)
        if (done(last)) {
          return last
        }
        await new Promise((r) => setTimeout(r, 100))
      }
      throw new Error(
        `ledger of ${orderId} never matched: ${JSON.stringify(last)}`
      )
    }

    const fulfill = (
      orderId: string,
      items: { id: string; quantity: number }[]
    ) =>
      api.post(
        `/admin/orders/${orderId}/fulfillments`,
        { items, location_id: f.locationId },
        f.adminHeaders
      )

    const returnItems = (
      orderId: string,
      items: { id: string; quantity: number }[]
    ) => receiveReturn(api, f, orderId, items)

    it("note → buy link → order: a pending commission at the rate the preview predicted, visible to its buyer only", async () => {
      await api.post(
        "/admin/commission-rules",
        { scope: "default", type: "percentage", rate: "10" },
        f.adminHeaders
      )
      const productRule = (
        await api.post(
          "/admin/commission-rules",
          {
            scope: "product",
            type: "percentage",
            rate: "12.5",
            product_id: f.products[0].id,
          },
          f.adminHeaders
        )
      ).data.commission_rule
      const preview = (
        await api.get(
          `/admin/commission-rules/preview?product_id=${f.products[0].id}&buyer_id=${linId}&currency_code=eur`,
          f.adminHeaders
        )
      ).data
      expect(preview.commission_rule.id).toBe(productRule.id)

      const order = await orderThroughBuyLink([
        { variant_id: f.products[0].variants[1].id, quantity: 3 }, // 3 × 25 EUR
        { variant_id: f.products[1].variants[0].id, quantity: 1 }, // 30 EUR, default rule
        { variant_id: f.products[2].variants[0].id, quantity: 1 }, // not tagged: no commission
      ])
      const entries = await waitFor(order.id, (e) => e.length === 2)
      const line0 = order.items.find((i) => i.product_id === f.products[0].id)!
      const line1 = order.items.find((i) => i.product_id === f.products[1].id)!
      const byLine = Object.fromEntries(
        entries.map((e) => [e.order_line_id, e])
      )
      expect(byLine[line0.id]).toMatchObject({
        type: "accrual",
        status: "pending",
        base_amount: "75",
        amount: "9.38", // 75 × 12.5 % = 9.375 → half-up
        rule: { id: productRule.id, rate: "12.5" },
        available_at: null,
      })
      expect(byLine[line1.id]).toMatchObject({
        amount: "3",
        rule: { rate: "10" },
      })

      // Changing the rule later changes nothing already accrued.
      await api.post(
        `/admin/commission-rules/${productRule.id}`,
        { rate: "50" },
        f.adminHeaders
      )
      expect((await entriesOf(order.id)).map((e) => e.amount).sort()).toEqual([
        "3",
        "9.38",
      ])

      const mine = (await api.get("/store/buyers/me/commissions", lin.headers))
        .data
      expect(mine.count).toBe(2)
      expect(mine.totals).toEqual([
        { currency_code: "eur", amount: "12.38", count: 2 },
      ])
      const balance = (await api.get("/store/buyers/me/balance", lin.headers))
        .data
      expect(balance.balances).toEqual([
        expect.objectContaining({
          currency_code: "eur",
          pending: "12.38",
          approved: "0",
          payable: "0",
          paid: "0",
        }),
      ])
      // Another buyer sees none of it; a customer who is no buyer gets 404.
      expect(
        (await api.get("/store/buyers/me/commissions", maya.headers)).data.count
      ).toBe(0)
      expect(
        (await api.get("/store/buyers/me/balance", maya.headers)).data.balances
      ).toEqual([])
      expect(
        (await settle(api.get("/store/buyers/me/balance", shopper.headers)))
          .status
      ).toBe(404)
    })

    it("follows the order: fulfillment starts the hold, the job approves, a partial return and a refund reverse pro rata", async () => {
      await api.post(
        "/admin/commission-rules",
        { scope: "default", type: "percentage", rate: "10" },
        f.adminHeaders
      )
      const order = await orderThroughBuyLink([
        { variant_id: f.products[0].variants[0].id, quantity: 3 }, // 60 EUR → 6
      ])
      const [accrual] = await waitFor(order.id, (e) => e.length === 1)
      expect(accrual.amount).toBe("6")
      const line = order.items[0]

      const {
        data: { order: full },
      } = await api.get(
        `/admin/orders/${order.id}?fields=payment_collections.payments.id`,
        f.adminHeaders
      )
      const paymentId = full.payment_collections[0].payments[0].id
      await api.post(`/admin/payments/${paymentId}/capture`, {}, f.adminHeaders)

      await fulfill(order.id, [{ id: line.id, quantity: 3 }])
      const [held] = await waitFor(order.id, (e) => !!e[0].available_at)
      const holdEnds = new Date(held.available_at!).getTime()
      expect(holdEnds).toBeGreaterThan(Date.now() + 13.9 * DAY)
      expect(holdEnds).toBeLessThan(Date.now() + 14.1 * DAY)

      await approveCommissionsWorkflow(getContainer()).run({
        input: { now: new Date(holdEnds - 1000) },
      })
      expect((await entriesOf(order.id))[0].status).toBe("pending")
      await approveCommissionsWorkflow(getContainer()).run({
        input: { now: new Date(holdEnds + 1000) },
      })
      expect((await entriesOf(order.id))[0].status).toBe("approved")

      // Return 1 of 3 units: a third reversed, payable at once.
      await returnItems(order.id, [{ id: line.id, quantity: 1 }])
      const afterReturn = await waitFor(order.id, (e) => e.length === 2)
      expect(afterReturn[1]).toMatchObject({
        type: "reversal",
        status: "approved",
        amount: "-2",
        reverses_id: accrual.id,
        reason: "returned 1 of 3",
      })

      // Refunding what the return paid back reverses nothing more (once
      // the refund's subscribers have run: a signal, not a sleep).
      const bus = getContainer().resolve("event_bus") as {
        emit: (m: { name: string; data: unknown }[]) => Promise<void>
      }
      const refunded = TestEventUtils.waitSubscribersExecution(
        "payment.refunded",
        bus
      )
      await api.post(
        `/admin/payments/${paymentId}/refund`,
        { amount: 20 },
        f.adminHeaders
      )
      await refunded
      expect(await entriesOf(order.id)).toHaveLength(2)

      // Re-delivered events write nothing twice.
      const redelivered = [
        "order.return_received",
        "order.fulfillment_created",
        "attribution.created",
      ].map((name) => TestEventUtils.waitSubscribersExecution(name, bus))
      await bus.emit([
        { name: "order.return_received", data: { order_id: order.id } },
        { name: "order.fulfillment_created", data: { order_id: order.id } },
        { name: "attribution.created", data: { order_id: order.id } },
      ])
      await Promise.all(redelivered)
      expect(await entriesOf(order.id)).toHaveLength(2)

      const balance = (await api.get("/store/buyers/me/balance", lin.headers))
        .data
      expect(balance.balances[0]).toMatchObject({
        accrued: "6",
        reversed: "-2",
        approved: "4",
        payable: "4",
      })
    })

    it("a goodwill refund reverses its share of every credited line", async () => {
      await api.post(
        "/admin/commission-rules",
        { scope: "default", type: "percentage", rate: "10" },
        f.adminHeaders
      )
      const order = await orderThroughBuyLink([
        { variant_id: f.products[0].variants[0].id, quantity: 1 }, // 20 → 2
        { variant_id: f.products[1].variants[0].id, quantity: 1 }, // 30 → 3
      ])
      await waitFor(order.id, (e) => e.length === 2)
      const {
        data: { order: full },
      } = await api.get(
        `/admin/orders/${order.id}?fields=total,payment_collections.payments.id`,
        f.adminHeaders
      )
      const paymentId = full.payment_collections[0].payments[0].id
      await api.post(`/admin/payments/${paymentId}/capture`, {}, f.adminHeaders)
      // The order is 55 (50 of goods, 5 of shipping); refund a fifth of it.
      expect(full.total).toBe(55)
      await api.post(
        `/admin/payments/${paymentId}/refund`,
        { amount: 11 },
        f.adminHeaders
      )
      const entries = await waitFor(order.id, (e) => e.length === 4)
      const reversals = entries.filter((e) => e.type === "reversal")
      expect(reversals.map((r) => r.amount).sort()).toEqual(["-0.4", "-0.6"])
      expect(reversals.every((r) => r.status === "pending")).toBe(true)
    })

    it("cancel before approval voids; cancel after approval reverses", async () => {
      await api.post(
        "/admin/commission-rules",
        { scope: "default", type: "percentage", rate: "10" },
        f.adminHeaders
      )
      const early = await orderThroughBuyLink([
        { variant_id: f.products[0].variants[0].id, quantity: 1 },
      ])
      await waitFor(early.id, (e) => e.length === 1)
      await api.post(`/admin/orders/${early.id}/cancel`, {}, f.adminHeaders)
      expect(
        (await waitFor(early.id, (e) => e[0].status === "void")).map((e) => [
          e.type,
          e.status,
          e.amount,
        ])
      ).toEqual([["accrual", "void", "2"]])

      expect(
        (await api.get("/store/buyers/me/balance", lin.headers)).data.balances
      ).toEqual([])

      const late = await orderThroughBuyLink([
        { variant_id: f.products[0].variants[1].id, quantity: 1 }, // 25 → 2.5
      ])
      await waitFor(late.id, (e) => e.length === 1)
      await fulfill(late.id, [{ id: late.items[0].id, quantity: 1 }])
      const {
        data: { order: fulfilled },
      } = await api.get(
        `/admin/orders/${late.id}?fields=fulfillments.id`,
        f.adminHeaders
      )
      await waitFor(late.id, (e) => !!e[0].available_at)
      await approveCommissionsWorkflow(getContainer()).run({
        input: { now: new Date(Date.now() + 15 * DAY) },
      })
      // Medusa cancels an order only once its fulfillments are canceled.
      await api.post(
        `/admin/orders/${late.id}/fulfillments/${fulfilled.fulfillments[0].id}/cancel`,
        {},
        f.adminHeaders
      )
      await api.post(`/admin/orders/${late.id}/cancel`, {}, f.adminHeaders)
      expect(
        (await waitFor(late.id, (e) => e.length === 2)).map((e) => [
          e.type,
          e.status,
          e.amount,
          e.reason,
        ])
      ).toEqual([
        ["accrual", "approved", "2.5", null],
        ["reversal", "approved", "-2.5", "order canceled"],
      ])
      expect(
        (await api.get("/store/buyers/me/balance", lin.headers)).data.balances
      ).toEqual([
        expect.objectContaining({
          accrued: "2.5",
          reversed: "-2.5",
          payable: "0",
        }),
      ])
    })

    describe("GET /admin/commissions?order=", () => {
      it("sorts the ledger by amount or currency both ways, ties on id; anything else is a 400 naming order", async () => {
        for (const [amount, currency_code] of [
          ["5", "eur"],
          ["-2", "usd"],
          ["12", "eur"],
        ]) {
          await api.post(
            "/admin/commissions/adjustments",
            { buyer_id: linId, currency_code, amount, reason: "sorting" },
            f.adminHeaders
          )
        }
        const amounts = async (order: string) =>
          (
            await api.get(
              `/admin/commissions?buyer_id=${linId}&order=${order}`,
              f.adminHeaders
            )
          ).data.commissions.map((c: { amount: string }) => c.amount)
        // Numeric, not text, order: 12 after 5.
        expect(await amounts("amount")).toEqual(["-2", "5", "12"])
        expect(await amounts("-amount")).toEqual(["12", "5", "-2"])
        expect(await amounts("created_at")).toEqual(["5", "-2", "12"])
        expect((await amounts("-currency_code"))[0]).toBe("-2")
        for (const bad of ["reason", "amount,id", "--amount"]) {
          const res = await settle(
            api.get(
              `/admin/commissions?order=${encodeURIComponent(bad)}`,
              f.adminHeaders
            )
          )
          expect([bad, res.status]).toEqual([bad, 400])
          expect(res.data.message).toMatch(/^order: /)
        }
      })
    })

    describe("POST /admin/commissions/adjustments", () => {
      it("records a signed adjustment with the admin user, payable at once", async () => {
        const { data } = await api.post(
          "/admin/commissions/adjustments",
          {
            buyer_id: linId,
            currency_code: "EUR",
            amount: "-4.50",
            reason: "chargeback on order 12",
          },
          f.adminHeaders
        )
        expect(data.commission).toMatchObject({
          type: "adjustment",
          status: "approved",
          amount: "-4.5",
          currency_code: "eur",
          reason: "chargeback on order 12",
        })
        expect(data.commission.actor_id).toMatch(/^user_/)
        await api.post(
          "/admin/commissions/adjustments",
          {
            buyer_id: linId,
            currency_code: "usd",
            amount: 10,
            reason: "launch bonus",
          },
          f.adminHeaders
        )
        const balances = (
          await api.get(
            `/admin/commissions/balances?buyer_id=${linId}`,
            f.adminHeaders
          )
        ).data.balances
        expect(
          balances.map((b: { currency_code: string; payable: string }) => [
            b.currency_code,
            b.payable,
          ])
        ).toEqual([
          ["eur", "-4.5"],
          ["usd", "10"],
        ])
        const list = (
          await api.get(
            "/admin/commissions?type=adjustment&currency_code=usd",
            f.adminHeaders
          )
        ).data
        expect(list.count).toBe(1)
        expect(list.totals).toEqual([
          { currency_code: "usd", amount: "10", count: 1 },
        ])
      })

      it.each([
        [{ currency_code: "eur", amount: "5", reason: "bonus" }, "buyer_id"],
        [
          {
            buyer_id: "buyer_nope",
            currency_code: "eur",
            amount: "5",
            reason: "bonus",
          },
          "buyer_id",
        ],
        [
          {
            buyer_id: "$lin",
            currency_code: "euro",
            amount: "5",
            reason: "bonus",
          },
          "currency_code",
        ],
        [
          {
            buyer_id: "$lin",
            currency_code: "xyz",
            amount: "5",
            reason: "bonus",
          },
          "currency_code",
        ],
        [
          {
            buyer_id: "$lin",
            currency_code: "eur",
            amount: "0",
            reason: "bonus",
          },
          "amount",
        ],
        [
          {
            buyer_id: "$lin",
            currency_code: "eur",
            amount: "1.234",
            reason: "bonus",
          },
          "amount",
        ],
        [
          {
            buyer_id: "$lin",
            currency_code: "jpy",
            amount: "1.5",
            reason: "bonus",
          },
          "amount",
        ],
        [
          {
            buyer_id: "$lin",
            currency_code: "eur",
            amount: "1e3",
            reason: "bonus",
          },
          "amount",
        ],
        [{ buyer_id: "$lin", currency_code: "eur", amount: "5" }, "reason"],
        [
          {
            buyer_id: "$lin",
            currency_code: "eur",
            amount: "5",
            reason: "bonus",
            status: "paid",
          },
          "status",
        ],
      ])("rejects %j naming %s, writing nothing", async (body, field) => {
        const b = { ...body } as Record<string, unknown>
        if (b.buyer_id === "$lin") {
          b.buyer_id = linId
        }
        const res = await settle(
          api.post("/admin/commissions/adjustments", b, f.adminHeaders)
        )
        expect(res.status).toBe(400)
        expect(JSON.stringify(res.data)).toContain(field)
        expect(
          (await api.get("/admin/commissions", f.adminHeaders)).data.count
        ).toBe(0)
      })
    })

    describe("holds and reads", () => {
      it("holds an order's commission out of approval and releases it", async () => {
        await api.post(
          "/admin/commission-rules",
          { scope: "default", type: "percentage", rate: "10" },
          f.adminHeaders
        )
        const order = await orderThroughBuyLink([
          { variant_id: f.products[0].variants[0].id, quantity: 1 },
        ])
        await waitFor(order.id, (e) => e.length === 1)
        const held = (
          await api.post(
            "/admin/commissions/hold",
            { order_id: order.id },
            f.adminHeaders
          )
        ).data
        expect(held.commissions.map((e: Entry) => e.status)).toEqual([
          "on_hold",
        ])
        await fulfill(order.id, [{ id: order.items[0].id, quantity: 1 }])
        await waitFor(order.id, (e) => !!e[0].available_at)
        await approveCommissionsWorkflow(getContainer()).run({
          input: { now: new Date(Date.now() + 15 * DAY) },
        })
        expect((await entriesOf(order.id))[0].status).toBe("on_hold")
        const released = (
          await api.post(
            "/admin/commissions/release",
            { order_id: order.id },
            f.adminHeaders
          )
        ).data
        expect(released.commissions.map((e: Entry) => e.status)).toEqual([
          "pending",
        ])
      })

      it("rejects bad filters naming the field", async () => {
        for (const [url, field] of [
          ["/admin/commissions?status=done", "status"],
          ["/admin/commissions?type=bonus", "type"],
          ["/admin/commissions?limit=0", "limit"],
          ["/admin/commissions?currency_code=12", "currency_code"],
          ["/admin/commissions?created_from=yesterday", "created_from"],
          [
            "/admin/commissions?created_from=2026-02-01&created_to=2026-01-01",
            "created_to",
          ],
          ["/admin/commissions?bogus=1", "bogus"],
          ["/admin/commissions/balances?currency_code=euro", "currency_code"],
        ] as const) {
          const res = await settle(api.get(url, f.adminHeaders))
          expect([url, res.status]).toEqual([url, 400])
          expect(JSON.stringify(res.data)).toContain(field)
        }
        const store = await settle(
          api.get("/store/buyers/me/commissions?status=paid,nope", lin.headers)
        )
        expect(store.status).toBe(400)
        expect(JSON.stringify(store.data)).toContain("status")
        for (const [path, body, field] of [
          ["/admin/commissions/hold", {}, "order_id"],
          ["/admin/commissions/release", { order_id: "" }, "order_id"],
          ["/admin/commissions/hold", { order_id: "o", hold: 1 }, "hold"],
        ] as const) {
          const res = await settle(api.post(path, body, f.adminHeaders))
          expect([path, res.status]).toEqual([path, 400])
          expect(JSON.stringify(res.data)).toContain(field)
        }
        const balance = await settle(
          api.get("/store/buyers/me/balance?currency_code=eur", lin.headers)
        )
        expect(balance.status).toBe(400)
        expect(JSON.stringify(balance.data)).toContain("currency_code")
        // A store caller cannot pick another buyer.
        const forged = await settle(
          api.get(
            `/store/buyers/me/commissions?buyer_id=${mayaId}`,
            lin.headers
          )
        )
        expect(forged.status).toBe(400)
        expect(
          (await settle(api.get("/admin/commissions", lin.headers))).status
        ).toBe(401)
      })

      it("deletes a rule softly: it stops applying, entries keep their snapshot", async () => {
        const rule = (
          await api.post(
            "/admin/commission-rules",
            { scope: "default", type: "percentage", rate: "10" },
            f.adminHeaders
          )
        ).data.commission_rule
        const order = await orderThroughBuyLink([
          { variant_id: f.products[0].variants[0].id, quantity: 1 },
        ])
        await waitFor(order.id, (e) => e.length === 1)
        const del = await api.delete(
          `/admin/commission-rules/${rule.id}`,
          f.adminHeaders
        )
        expect(del.data).toEqual({
          id: rule.id,
          object: "commission_rule",
          deleted: true,
        })
        expect(
          (
            await settle(
              api.get(`/admin/commission-rules/${rule.id}`, f.adminHeaders)
            )
          ).status
        ).toBe(404)
        expect(
          (
            await settle(
              api.delete(`/admin/commission-rules/${rule.id}`, f.adminHeaders)
            )
          ).status
        ).toBe(404)
        expect((await entriesOf(order.id))[0]).toMatchObject({
          amount: "2",
          rule: { id: rule.id, rate: "10" },
        })
        const preview = (
          await api.get(
            `/admin/commission-rules/preview?product_id=${f.products[0].id}&buyer_id=${linId}&currency_code=eur`,
            f.adminHeaders
          )
        ).data
        expect(preview.commission_rule).toBeNull()
      })
    })
  },
})
