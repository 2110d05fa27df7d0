import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { attributeOrderWorkflow } from "../../src/workflows"
import { createCustomerSession, settle } from "../helpers/fixtures"
import {
  PromoWorld,
  createPromoWorld,
  entriesOfOrder,
  giveCode,
  orderWithCodes,
  waitForDecision,
  waitForEntries,
} from "../helpers/promo-codes"

jest.setTimeout(240 * 1000)

/**
 * Buyer promo codes (issue 15) with the default precedence (`code`): the
 * admin routes, the Medusa promotion behind a code, attribution of orders
 * that used one, commission on what the shopper paid, self-referral,
 * suspended buyers, disabled codes, and the buyer's own list.
 * buyer-promo-codes-click.spec.ts runs the `click` precedence.
 */
medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let w: PromoWorld

    beforeEach(async () => {
      w = await createPromoWorld(api, getContainer())
    })

    const promotionOf = async (code: string) => {
      const [p] = await getContainer()
        .resolve(Modules.PROMOTION)
        .listPromotions(
          { code },
          { relations: ["application_method", "campaign", "campaign.budget"] }
        )
      return p
    }

    it("gives a buyer a code: a Medusa promotion, listed for the admin and the buyer, not on the public profile", async () => {
      const given = await giveCode(api, w, {
        code: "lin10",
        type: "percentage",
        value: "10",
        usage_limit: 5,
        starts_at: "2026-01-01",
        ends_at: "2099-12-31T23:00:00Z",
      })
      expect(given).toMatchObject({
        buyer_id: w.linId,
        code: "LIN10",
        status: "active",
        discount: { type: "percentage", value: "10", currency_code: null },
        usage_limit: 5,
        uses: 0,
        starts_at: "2026-01-01T00:00:00.000Z",
        ends_at: "2099-12-31T23:00:00.000Z",
      })
      const promotion = await promotionOf("LIN10")
      expect(promotion).toMatchObject({
        id: given.promotion_id,
        status: "active",
        is_automatic: false,
        application_method: { type: "percentage", target_type: "order" },
        campaign: { budget: { type: "usage" } },
      })
      expect(Number(promotion.campaign!.budget!.limit)).toBe(5)

      const fixed = await giveCode(api, w, {
        code: "LIN-5EUR",
        type: "fixed",
        value: "5.5",
        currency_code: "EUR",
      })
      expect(fixed).toMatchObject({
        discount: { type: "fixed", value: "5.5", currency_code: "eur" },
        usage_limit: null,
        starts_at: null,
      })

      const listed = (
        await api.get(`/admin/buyers/${w.linId}/promo-codes`, w.f.adminHeaders)
      ).data.promo_codes
      expect(listed.map((c: { code: string }) => c.code)).toEqual([
        "LIN-5EUR",
        "LIN10",
      ])
      expect(
        (
          await api.get(
            `/admin/buyers/${w.mayaId}/promo-codes`,
            w.f.adminHeaders
          )
        ).data.promo_codes
      ).toEqual([])

      const mine = (
        await api.get("/store/buyers/me/promo-codes", w.lin.headers)
      ).data.promo_codes
      expect(mine.map((c: { code: string }) => c.code)).toEqual([
        "LIN-5EUR",
        "LIN10",
      ])
      expect(
        (await api.get("/store/buyers/me/promo-codes", w.maya.headers)).data
          .promo_codes
      ).toEqual([])
      const profile = (await api.get("/store/buyers/lin", w.f.storeHeaders))
        .data
      expect(JSON.stringify(profile)).not.toContain("LIN10")
    })

    it("refuses a taken code (any case) with 409, and every bad input with a 400 naming the field", async () => {
      await giveCode(api, w, { code: "LIN10", type: "percentage", value: "10" })
      const post = (body: Record<string, unknown>, buyer = w.linId) =>
        settle(
          api.post(`/admin/buyers/${buyer}/promo-codes`, body, w.f.adminHeaders)
        )
      const again = await post({
        code: "lin10",
        type: "percentage",
        value: "5",
      })
      expect(again.status).toBe(409)
      expect(again.data.message).toMatch(/^code: LIN10 /)
      // A merchant's own promotion (Medusa's admin) holds its code too.
      await getContainer()
        .resolve(Modules.PROMOTION)
        .createPromotions({
          code: "Summer",
          type: "standard",
          status: "active",
          application_method: {
            type: "percentage",
            target_type: "order",
            value: 5,
          },
        })
      const summer = await post({
        code: "SUMMER",
        type: "percentage",
        value: "5",
      })
      expect(summer.status).toBe(409)
      expect(summer.data.message).toMatch(/^code: Summer /)

      const base = { code: "OK10", type: "percentage", value: "10" }
      const bad: [Record<string, unknown>, string][] = [
        [{ ...base, code: "x" }, "code"],
        [{ ...base, code: "has space" }, "code"],
        [{ ...base, code: 12345 }, "code"],
        [{ ...base, type: "bogo" }, "type"],
        [{ ...base, value: "ten" }, "value"],
        [{ ...base, value: "0" }, "value"],
        [{ ...base, value: "-5" }, "value"],
        [{ ...base, value: "100.5" }, "value"],
        [{ ...base, currency_code: "eur" }, "currency_code"],
        [{ ...base, type: "fixed" }, "currency_code"],
        [{ ...base, type: "fixed", currency_code: "euro" }, "currency_code"],
        [
          { ...base, type: "fixed", currency_code: "eur", value: "1.234" },
          "value",
        ],
        [{ ...base, usage_limit: 0 }, "usage_limit"],
        [{ ...base, usage_limit: 1.5 }, "usage_limit"],
        [{ ...base, usage_limit: "5" }, "usage_limit"],
        [{ ...base, starts_at: "tomorrow" }, "starts_at"],
        [
          { ...base, starts_at: "2026-02-01", ends_at: "2026-01-01" },
          "ends_at",
        ],
        [{ ...base, rate: "10" }, "rate"],
        [{ type: "percentage", value: "10" }, "code"],
      ]
      for (const [body, field] of bad) {
        const res = await post(body)
        expect({ body, status: res.status }).toEqual({ body, status: 400 })
        expect(res.data.message).toContain(field)
      }
      const unknown = await post(base, "buyer_missing")
      expect(unknown.status).toBe(404)

      // A pending buyer cannot earn yet: no code (400 naming the buyer id).
      const pending = await createCustomerSession(
        getContainer(),
        w.f,
        "pending@promo.test"
      )
      const applied = (
        await api.post(
          "/store/buyers",
          { handle: "pending", display_name: "P" },
          pending.headers
        )
      ).data.buyer
      const refused = await post(base, applied.id)
      expect(refused.status).toBe(400)
      expect(refused.data.message).toMatch(/^id: .* is pending/)

      for (const action of ["disable", "enable"]) {
        const res = await settle(
          api.post(
            `/admin/buyers/${w.linId}/promo-codes/bpcode_missing/${action}`,
            {},
            w.f.adminHeaders
          )
        )
        expect(res.status).toBe(404)
        const body = await settle(
          api.post(
            `/admin/buyers/${w.linId}/promo-codes/bpcode_missing/${action}`,
            { status: "x" },
            w.f.adminHeaders
          )
        )
        expect(body.status).toBe(400)
        expect(body.data.message).toContain("status")
      }
      const query = await settle(
        api.get(`/admin/buyers/${w.linId}/promo-codes?x=1`, w.f.adminHeaders)
      )
      expect(query.status).toBe(400)
      expect(query.data.message).toContain("x")
      // Nothing of the refused requests was created.
      expect(
        (
          await api.get(
            `/admin/buyers/${w.linId}/promo-codes`,
            w.f.adminHeaders
          )
        ).data.promo_codes.length
      ).toBe(1)
      expect(await promotionOf("OK10")).toBeUndefined()
    })

    it("an order with the code, no click: attributed to the buyer in whole, commission on what the shopper paid", async () => {
      const given = await giveCode(api, w, {
        code: "LIN10",
        type: "percentage",
        value: "10",
      })
      const order = await orderWithCodes(api, getContainer(), w, {
        codes: ["LIN10"],
      })
      const decision = await waitForDecision(api, w, order.id)
      expect(decision).toMatchObject({
        outcome: "attributed",
        reason: "promo_code",
        basket: "order",
      })
      expect(decision.buyer?.id ?? decision.buyer_id).toBe(w.linId)
      expect(decision.click ?? null).toBeNull()
      expect(decision.lines).toHaveLength(2)

      // EUR 40 + EUR 40 less 10 %: each line's base is 36, 10 % of it 3.6.
      const entries = await waitForEntries(api, w, order.id, (n) => n === 2)
      expect(
        entries.map((e) => [e.buyer_id, e.base_amount, e.amount, e.note_id])
      ).toEqual([
        [w.linId, "36", "3.6", null],
        [w.linId, "36", "3.6", null],
      ])
      // The code counts its use.
      const [listed] = (
        await api.get(`/admin/buyers/${w.linId}/promo-codes`, w.f.adminHeaders)
      ).data.promo_codes
      expect(listed).toMatchObject({ id: given.id, uses: 1 })

      // order.placed again (at-least-once delivery): nothing new.
      const rerun = await attributeOrderWorkflow(getContainer()).run({
        input: { order_id: order.id },
      })
      expect(rerun.result.created).toBe(false)
      expect(await entriesOfOrder(api, w, order.id)).toHaveLength(2)
    })

    it("a promo-code order in the reports: the buyer's totals, and grouped by note the group without a note (key null)", async () => {
      await giveCode(api, w, { code: "LIN10", type: "percentage", value: "10" })
      const order = await orderWithCodes(api, getContainer(), w, {
        codes: ["LIN10"],
      })
      await waitForDecision(api, w, order.id)
      await waitForEntries(api, w, order.id, (n) => n === 2)
      // An order, 3 units (2 + 1), EUR 7.2 accrued on a base of 72; no
      // click, no view, no note.
      const mine = (
        await api.get(
          "/store/buyers/me/report?preset=24h&group_by=note",
          w.lin.headers
        )
      ).data
      expect(mine.totals).toMatchObject({
        clicks: 0,
        views: 0,
        orders: 1,
        units: 3,
        conversion: null,
        view_ctr: null,
      })
      expect(mine.totals.currencies).toMatchObject([
        { currency_code: "eur", sales: "72", accrued: "7.2", net: "7.2" },
      ])
      expect(
        mine.groups.map((g: { key: string | null; label: string | null }) => [
          g.key,
          g.label,
        ])
      ).toEqual([[null, null]])
      expect(mine.groups[0]).toMatchObject({ orders: 1, units: 3, views: 0 })
      expect(mine.groups[0].currencies).toMatchObject([
        { currency_code: "eur", net: "7.2" },
      ])
      // The program's note groups hold it the same way.
      const board = (
        await api.get(
          "/admin/program-report?preset=24h&group_by=note",
          w.f.adminHeaders
        )
      ).data
      expect(
        board.groups.map((g: { key: string | null; orders: number }) => [
          g.key,
          g.orders,
        ])
      ).toEqual([[null, 1]])
      // By product it counts in each product it has a line of.
      const byProduct = (
        await api.get(
          "/store/buyers/me/report?preset=24h&group_by=product&order_by=orders",
          w.lin.headers
        )
      ).data
      expect(
        byProduct.groups
          .map((g: { key: string; orders: number }) => [g.key, g.orders])
          .sort()
      ).toEqual(
        [
          [w.f.products[0].id, 1],
          [w.f.products[2].id, 1],
        ].sort()
      )
    })

    it("a fixed code: the base is each line's share of what the shopper paid", async () => {
      await giveCode(api, w, {
        code: "LIN8",
        type: "fixed",
        value: "8",
        currency_code: "eur",
      })
      const order = await orderWithCodes(api, getContainer(), w, {
        codes: ["LIN8"],
      })
      expect((await waitForDecision(api, w, order.id)).reason).toBe(
        "promo_code"
      )
      // EUR 8 off EUR 80, shared by the two EUR 40 lines: 36 each.
      const entries = await waitForEntries(api, w, order.id, (n) => n === 2)
      expect(entries.map((e) => [e.base_amount, e.amount])).toEqual([
        ["36", "3.6"],
        ["36", "3.6"],
      ])
    })

    it("code and another buyer's click: the code wins by default (promo_code_over_click)", async () => {
      await giveCode(api, w, { code: "LIN10", type: "percentage", value: "10" })
      const order = await orderWithCodes(api, getContainer(), w, {
        codes: ["LIN10"],
        viaMaya: true,
      })
      const decision = await waitForDecision(api, w, order.id)
      expect(decision).toMatchObject({
        outcome: "attributed",
        reason: "promo_code_over_click",
      })
      const entries = await waitForEntries(api, w, order.id, (n) => n === 2)
      expect(entries.every((e) => e.buyer_id === w.linId)).toBe(true)
    })

    it("the buyer's own code: discounted, but nothing earned (self_referral)", async () => {
      await giveCode(api, w, { code: "LIN10", type: "percentage", value: "10" })
      const order = await orderWithCodes(api, getContainer(), w, {
        codes: ["LIN10"],
        as: w.lin,
      })
      const decision = await waitForDecision(api, w, order.id)
      expect(decision).toMatchObject({
        outcome: "none",
        reason: "self_referral",
      })
      expect(decision.lines).toEqual([])
      expect(
        Number((order as unknown as { discount_total: number }).discount_total)
      ).toBe(8)
      expect(await entriesOfOrder(api, w, order.id)).toEqual([])
    })

    it("a suspended buyer's code still discounts but earns nothing; another buyer's click then earns", async () => {
      await giveCode(api, w, { code: "LIN10", type: "percentage", value: "10" })
      await api.post(
        `/admin/buyers/${w.linId}/suspend`,
        { reason: "review" },
        w.f.adminHeaders
      )
      const order = await orderWithCodes(api, getContainer(), w, {
        codes: ["LIN10"],
      })
      expect(
        Number((order as unknown as { discount_total: number }).discount_total)
      ).toBe(8)
      const decision = await waitForDecision(api, w, order.id)
      expect(decision).toMatchObject({
        outcome: "none",
        reason: "promo_code_buyer_not_approved",
      })
      expect(await entriesOfOrder(api, w, order.id)).toEqual([])

      // The suspended buyer's code never blocks a click that can earn.
      const clicked = await orderWithCodes(api, getContainer(), w, {
        codes: ["LIN10"],
        viaMaya: true,
      })
      expect(await waitForDecision(api, w, clicked.id)).toMatchObject({
        outcome: "attributed",
        reason: "last_click",
      })
      const entries = await waitForEntries(api, w, clicked.id, (n) => n === 1)
      // Maya's note tags the first product only: EUR 40 less 10 %.
      expect(entries.map((e) => [e.buyer_id, e.base_amount, e.amount])).toEqual(
        [[w.mayaId, "36", "3.6"]]
      )
    })

    it("a disabled code: its promotion is inactive and carts refuse it; enabled again, it discounts", async () => {
      const given = await giveCode(api, w, {
        code: "LIN10",
        type: "percentage",
        value: "10",
      })
      const disabled = (
        await api.post(
          `/admin/buyers/${w.linId}/promo-codes/${given.id}/disable`,
          {},
          w.f.adminHeaders
        )
      ).data.promo_code
      expect(disabled.status).toBe("disabled")
      expect((await promotionOf("LIN10")).status).toBe("inactive")
      // Disabling twice changes nothing.
      await api.post(
        `/admin/buyers/${w.linId}/promo-codes/${given.id}/disable`,
        {},
        w.f.adminHeaders
      )
      // Maya cannot act on lin's code through her own id.
      const foreign = await settle(
        api.post(
          `/admin/buyers/${w.mayaId}/promo-codes/${given.id}/enable`,
          {},
          w.f.adminHeaders
        )
      )
      expect(foreign.status).toBe(404)
      // The buyer no longer lists it.
      expect(
        (await api.get("/store/buyers/me/promo-codes", w.lin.headers)).data
          .promo_codes
      ).toEqual([])

      const cart = (
        await api.post(
          "/store/carts",
          {
            region_id: w.f.regionId,
            sales_channel_id: w.f.salesChannelId,
            items: [
              { variant_id: w.f.products[0].variants[0].id, quantity: 1 },
            ],
          },
          w.shopper.headers
        )
      ).data.cart
      const apply = () =>
        settle(
          api.post(
            `/store/carts/${cart.id}/promotions`,
            { promo_codes: ["LIN10"] },
            w.shopper.headers
          )
        )
      const refused = await apply()
      const refusedCart =
        refused.status === 200
          ? refused.data.cart
          : (await api.get(`/store/carts/${cart.id}`, w.shopper.headers)).data
              .cart
      expect(Number(refusedCart.discount_total)).toBe(0)
      expect(refusedCart.promotions ?? []).toEqual([])

      await api.post(
        `/admin/buyers/${w.linId}/promo-codes/${given.id}/enable`,
        {},
        w.f.adminHeaders
      )
      expect((await promotionOf("LIN10")).status).toBe("active")
      const accepted = await apply()
      expect(accepted.status).toBe(200)
      expect(Number(accepted.data.cart.discount_total)).toBe(2)
    })
  },
})
