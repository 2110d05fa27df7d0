import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ATTRIBUTION_MODULE } from "../../src/modules/attribution"
import type AttributionModuleService from "../../src/modules/attribution/service"
import { buyLinkResolver } from "../../src/utils/buy-link-resolver"
import { mintClickId } from "../../src/modules/attribution/utils/ids"
import { attributeOrderWorkflow } from "../../src/workflows"
import {
  StoreFixture,
  createApprovedBuyer,
  createCustomerSession,
  BROWSER,
  createStoreFixture,
  followBuyLink,
  placeOrder,
  settle,
  sql,
} from "../helpers/fixtures"
import { clickFor, storedClickIds } from "../helpers/click-sink"

jest.setTimeout(180 * 1000)

type Session = Awaited<ReturnType<typeof createCustomerSession>>

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let f: StoreFixture
    let lin: Session
    let shopper: Session
    let buyerId: string
    let code: string
    let merchantCode: string

    const attribution = () =>
      getContainer().resolve<AttributionModuleService>(ATTRIBUTION_MODULE)

    beforeEach(async () => {
      buyLinkResolver.clear()
      attribution().resetClickMemory()
      f = await createStoreFixture(getContainer())
      const approved = await createApprovedBuyer(
        api,
        getContainer(),
        f,
        "lin@attr.test",
        "lin"
      )
      lin = approved.session
      buyerId = approved.buyerId
      shopper = await createCustomerSession(
        getContainer(),
        f,
        "shopper@attr.test"
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
          lin.headers
        )
      ).data.note.products[0].code
      merchantCode = (
        await api.post(
          "/admin/notes",
          {
            title: "Pick",
            body: "b",
            status: "published",
            products: [{ product_id: f.products[1].id }],
          },
          f.adminHeaders
        )
      ).data.note.products[0].code
    })

    afterEach(async () => {
      await attribution().flushClicks()
    })

    const click = (c: string, cookie?: string) =>
      followBuyLink(api, getContainer(), c, cookie)

    const decision = (orderId: string) =>
      api.get(`/admin/orders/${orderId}/attribution`, f.adminHeaders)

    const waitForDecision = async (orderId: string, tries = 50) => {
      for (let i = 0; i < tries; i++) {
        const res = await settle(decision(orderId))
        if (res.status === 200) {
          return res.data.attribution
        }
        await new Promise((r) => setTimeout(r, 100))
      }
      throw new Error(`no attribution decided for ${orderId}`)
    }

    it("note → buy link → cart → order: the tagged line is credited to the buyer", async () => {
      const ref = await click(code)
      const order = await placeOrder(api, f, {
        headers: shopper.headers,
        items: [
          { variant_id: f.products[0].variants[0].id, quantity: 2 },
          { variant_id: f.products[2].variants[0].id, quantity: 1 },
        ],
        click_id: ref,
      })
      const a = await waitForDecision(order.id)
      expect(a).toMatchObject({
        outcome: "attributed",
        reason: "last_click",
        basket: "tagged",
        buyer: { id: buyerId, handle: "lin" },
        click: { id: ref, code },
      })
      expect(a.lines).toHaveLength(1)
      const creamLine = order.items.find(
        (i) => i.product_id === f.products[0].id
      )!
      expect(a.lines[0]).toMatchObject({
        order_line_id: creamLine.id,
        quantity: 2,
      })
    })

    it("decides once: a re-delivered and a concurrent order.placed write nothing twice", async () => {
      const ref = await click(code)
      const order = await placeOrder(api, f, {
        headers: shopper.headers,
        items: [{ variant_id: f.products[0].variants[0].id, quantity: 1 }],
        click_id: ref,
      })
      await waitForDecision(order.id)
      const runs = await Promise.all(
        [1, 2, 3].map(() =>
          attributeOrderWorkflow(getContainer()).run({
            input: { order_id: order.id },
            throwOnError: false,
          })
        )
      )
      for (const r of runs) {
        expect(r.result?.created ?? false).toBe(false)
      }
      const [{ decisions, lines }] = await sql<{
        decisions: string
        lines: string
      }>(
        getContainer(),
        "select (select count(*) from order_attribution where order_id = ?) as decisions, (select count(*) from attribution_line where order_id = ?) as lines",
        [order.id, order.id]
      )
      expect({ decisions: Number(decisions), lines: Number(lines) }).toEqual({
        decisions: 1,
        lines: 1,
      })
    })

    it("uses the same customer's earlier cart within the window, latest click first", async () => {
      const first = await click(merchantCode)
      const later = await click(code)
      // An abandoned cart carrying the later click.
      const {
        data: { cart: abandoned },
      } = await api.post(
        "/store/carts",
        {
          region_id: f.regionId,
          items: [{ variant_id: f.products[0].variants[0].id, quantity: 1 }],
        },
        shopper.headers
      )
      await api.post(
        `/store/carts/${abandoned.id}/referral`,
        { click_id: later },
        shopper.headers
      )
      const order = await placeOrder(api, f, {
        headers: shopper.headers,
        items: [{ variant_id: f.products[0].variants[1].id, quantity: 1 }],
        click_id: first,
      })
      const a = await waitForDecision(order.id)
      expect(a).toMatchObject({ outcome: "attributed", click: { id: later } })
    })

    /** An abandoned cart of the shopper's, opened `daysAgo` days ago. */
    const openCartDaysAgo = async (daysAgo: number) => {
      const {
        data: { cart },
      } = await api.post(
        "/store/carts",
        {
          region_id: f.regionId,
          items: [{ variant_id: f.products[0].variants[0].id, quantity: 1 }],
        },
        shopper.headers
      )
      await sql(
        getContainer(),
        "update cart set created_at = now() - make_interval(days => ?) where id = ?",
        [daysAgo, cart.id]
      )
      return cart.id as string
    }

    it("credits a click made inside the window carried by a cart opened before it", async () => {
      const oldCart = await openCartDaysAgo(90)
      const ref = await click(code)
      await api.post(
        `/store/carts/${oldCart}/referral`,
        { click_id: ref },
        shopper.headers
      )
      const order = await placeOrder(api, f, {
        headers: shopper.headers,
        items: [{ variant_id: f.products[0].variants[1].id, quantity: 1 }],
      })
      expect(await waitForDecision(order.id)).toMatchObject({
        outcome: "attributed",
        click: { id: ref },
        buyer: { id: buyerId },
      })
    })

    it("does not credit a click older than the window, even on a cart updated since", async () => {
      const oldCart = await openCartDaysAgo(90)
      const ref = await click(code)
      await api.post(
        `/store/carts/${oldCart}/referral`,
        { click_id: ref },
        shopper.headers
      )
      // The click was made 31 days ago (the window is 30); the cart was
      // updated today.
      await sql(
        getContainer(),
        "update referral_click set clicked_at = now() - interval '31 days' where id = ?",
        [ref]
      )
      const order = await placeOrder(api, f, {
        headers: shopper.headers,
        items: [{ variant_id: f.products[0].variants[1].id, quantity: 1 }],
      })
      expect(await waitForDecision(order.id)).toMatchObject({
        outcome: "none",
        reason: "click_outside_window",
        lines: [],
      })
    })

    it("keeps the referral and the line items when both race on a cart, round after round", async () => {
      const ROUNDS = 25
      const ref = await click(code)
      const lost: unknown[] = []
      for (let round = 0; round < ROUNDS; round++) {
        const {
          data: { cart },
        } = await api.post(
          "/store/carts",
          {
            region_id: f.regionId,
            items: [{ variant_id: f.products[2].variants[0].id, quantity: 1 }],
          },
          shopper.headers
        )
        const requests = [
          () =>
            api.post(
              `/store/carts/${cart.id}/referral`,
              { click_id: ref },
              shopper.headers
            ),
          () =>
            api.post(
              `/store/carts/${cart.id}/line-items`,
              { variant_id: f.products[0].variants[0].id, quantity: 1 },
              shopper.headers
            ),
          () =>
            api.post(
              `/store/carts/${cart.id}`,
              { metadata: { gift_message: `round ${round}` } },
              shopper.headers
            ),
        ]
        // Start them in a different order each round.
        const order = requests.map((_, i) => (i + round) % requests.length)
        const results = await Promise.all(
          order.map((i) => settle(requests[i]()))
        )
        expect(results.map((r) => r.status)).toEqual([200, 200, 200])
        const {
          data: { cart: after },
        } = await api.get(`/store/carts/${cart.id}`, shopper.headers)
        const variants = after.items
          .map((i: { variant_id: string }) => i.variant_id)
          .sort()
        const seen = {
          round,
          referral: after.metadata?.referral_click_id,
          gift: after.metadata?.gift_message,
          variants,
        }
        const expected = {
          round,
          referral: ref,
          gift: `round ${round}`,
          variants: [
            f.products[0].variants[0].id,
            f.products[2].variants[0].id,
          ].sort(),
        }
        if (JSON.stringify(seen) !== JSON.stringify(expected)) {
          lost.push(seen)
        }
      }
      expect(lost).toEqual([])
    })

    it("never credits a self-referral, a merchant note or a suspended buyer, and says why", async () => {
      const ref = await click(code)
      const own = await placeOrder(api, f, {
        headers: lin.headers,
        items: [{ variant_id: f.products[0].variants[0].id, quantity: 1 }],
        click_id: ref,
      })
      expect(await waitForDecision(own.id)).toMatchObject({
        outcome: "none",
        reason: "self_referral",
        lines: [],
      })

      const merchantRef = await click(merchantCode)
      const merchant = await placeOrder(api, f, {
        items: [{ variant_id: f.products[1].variants[0].id, quantity: 1 }],
        click_id: merchantRef,
      })
      expect(await waitForDecision(merchant.id)).toMatchObject({
        outcome: "none",
        reason: "merchant_note",
      })

      const ref2 = await click(code, "notes_vid=another_visitor_0001")
      await api.post(
        `/admin/buyers/${buyerId}/suspend`,
        { reason: "x" },
        f.adminHeaders
      )
      const suspended = await placeOrder(api, f, {
        items: [{ variant_id: f.products[0].variants[0].id, quantity: 1 }],
        click_id: ref2,
      })
      expect(await waitForDecision(suspended.id)).toMatchObject({
        outcome: "none",
        reason: "buyer_not_approved",
      })

      // A guest with another email: no cart of theirs carried a click. (The
      // guest orders above share an email, so Medusa gives them one guest
      // customer, whose earlier carts count.)
      const plain = await placeOrder(api, f, {
        email: "plain@notes.test",
        items: [{ variant_id: f.products[0].variants[0].id, quantity: 1 }],
      })
      expect(await waitForDecision(plain.id)).toMatchObject({
        outcome: "none",
        reason: "no_click",
      })
    })

    it("accepts a click the storefront carries before the click sink wrote it", async () => {
      const res = await api.request({
        url: `/r/${code}`,
        maxRedirects: 0,
        validateStatus: () => true,
        headers: { "user-agent": BROWSER },
      })
      const ref = new URL(res.headers.location).searchParams.get("ref")!
      const {
        data: { cart },
      } = await api.post(
        "/store/carts",
        { region_id: f.regionId, sales_channel_id: f.salesChannelId },
        shopper.headers
      )
      // No flush: the click may still be in the in-process buffer.
      const carried = await api.post(
        `/store/carts/${cart.id}/referral`,
        { click_id: ref },
        shopper.headers
      )
      expect(carried.data.cart.metadata.referral_click_id).toBe(ref)
    })

    it("waits for a carried click the sink has not written when the order is placed", async () => {
      // The click as the redirect hands it over, held back from the table:
      // the queue lagging or the worker restarting when the order comes in.
      const held = await clickFor(getContainer(), code)
      const order = await placeOrder(api, f, {
        headers: shopper.headers,
        items: [{ variant_id: f.products[0].variants[0].id, quantity: 1 }],
        click_id: held.id,
      })
      // Without the click nothing is decided (a decision is made once, so
      // deciding now would lose the buyer's order for good).
      expect((await settle(decision(order.id))).status).toBe(404)
      expect(await storedClickIds(getContainer(), [held.id])).toEqual(new Set())

      await attribution().acceptClick(held)
      await attribution().flushClicks()
      expect(await waitForDecision(order.id, 200)).toMatchObject({
        outcome: "attributed",
        reason: "last_click",
        buyer: { id: buyerId },
        click: { id: held.id, code },
      })
    })

    it("rejects forged, dropped and malformed click ids and another customer's cart", async () => {
      const {
        data: { cart },
      } = await api.post(
        "/store/carts",
        {
          region_id: f.regionId,
          items: [{ variant_id: f.products[0].variants[0].id, quantity: 1 }],
        },
        shopper.headers
      )
      const post = (body: unknown, headers = shopper.headers) =>
        settle(api.post(`/store/carts/${cart.id}/referral`, body, headers))

      const forged = await post({
        click_id: "click_01ARZ3NDEKTSV4RRFFQ69G5FAV",
      })
      expect(forged.status).toBe(400)
      expect(forged.data.message).toContain("click_id")
      // Minted an hour ago and never written: refused.
      const stale = await post({ click_id: mintClickId(Date.now() - 3600_000) })
      expect(stale.status).toBe(400)
      expect(stale.data.message).toContain("click_id")

      const botRes = await api.request({
        url: `/r/${code}`,
        maxRedirects: 0,
        validateStatus: () => true,
        headers: { "user-agent": "facebookexternalhit/1.1" },
      })
      await attribution().flushClicks()
      const botRef = new URL(botRes.headers.location).searchParams.get("ref")
      const dropped = await post({ click_id: botRef })
      expect(dropped.status).toBe(400)
      expect(dropped.data.message).toContain("bot")

      for (const body of [
        {},
        { click_id: "x" },
        { click_id: 5 },
        { click_id: "click_01ARZ3NDEKTSV4RRFFQ69G5FAV", extra: 1 },
      ]) {
        const res = await post(body)
        expect({ body, status: res.status }).toEqual({ body, status: 400 })
      }

      const ref = await click(code)
      const other = await createCustomerSession(
        getContainer(),
        f,
        "other@attr.test"
      )
      const stolen = await post({ click_id: ref }, other.headers)
      expect(stolen.status).toBe(404)
      const anonymous = await post({ click_id: ref }, f.storeHeaders)
      expect(anonymous.status).toBe(404)
      expect(
        (
          await settle(
            api.post(
              `/store/carts/cart_missing/referral`,
              { click_id: ref },
              shopper.headers
            )
          )
        ).status
      ).toBe(404)

      const ok = await post({ click_id: ref })
      expect(ok.status).toBe(200)
      expect(ok.data.cart.metadata.referral_click_id).toBe(ref)
    })

    it("answers 404 for an order not decided and needs an admin", async () => {
      expect((await settle(decision("order_missing"))).status).toBe(404)
      const unknownParam = await settle(
        api.get(
          "/admin/orders/order_missing/attribution?expand=all",
          f.adminHeaders
        )
      )
      expect(unknownParam.status).toBe(400)
      expect(unknownParam.data.message).toContain("expand")
      expect(
        (await settle(api.get("/admin/orders/order_missing/attribution")))
          .status
      ).toBe(401)
    })
  },
})
