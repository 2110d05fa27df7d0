import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ATTRIBUTION_MODULE } from "../../src/modules/attribution"
import type AttributionModuleService from "../../src/modules/attribution/service"
import { buyLinkResolver } from "../../src/utils/buy-link-resolver"
import {
  StoreFixture,
  createApprovedBuyer,
  createStoreFixture,
  sql,
} from "../helpers/fixtures"

jest.setTimeout(120 * 1000)

const BROWSER =
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15"

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let f: StoreFixture
    let buyerId: string
    let codes: { buyer: string; merchant: string }
    let notes: { buyer: string; merchant: string }

    beforeEach(async () => {
      buyLinkResolver.clear()
      getContainer()
        .resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
        .resetClickMemory()
      f = await createStoreFixture(getContainer())
      const approved = await createApprovedBuyer(
        api,
        getContainer(),
        f,
        "lin@redirect.test",
        "lin"
      )
      const lin = approved.session
      buyerId = approved.buyerId
      const buyerNote = (
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
      ).data.note
      const merchantNote = (
        await api.post(
          "/admin/notes",
          {
            title: "Store pick",
            body: "b",
            status: "published",
            products: [{ product_id: f.products[1].id }],
          },
          f.adminHeaders
        )
      ).data.note
      codes = {
        buyer: buyerNote.products[0].code,
        merchant: merchantNote.products[0].code,
      }
      notes = { buyer: buyerNote.id, merchant: merchantNote.id }
    })

    // The click buffer lives in the server process, which outlives each
    // test's database: write it out before the next test restores the data.
    afterEach(async () => {
      await getContainer()
        .resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
        .flushClicks()
    })

    const hit = (
      path: string,
      headers: Record<string, string> = {},
      method = "get"
    ) =>
      api.request({
        url: path,
        method,
        maxRedirects: 0,
        validateStatus: () => true,
        headers: { "user-agent": BROWSER, ...headers },
      })

    const flush = () =>
      getContainer()
        .resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
        .flushClicks()

    const clicks = async () => {
      await flush()
      return sql<Record<string, any>>(
        getContainer(),
        "select * from referral_click order by clicked_at, id"
      )
    }

    it("redirects to the storefront product page with ref and utm, sets the visitor cookie, records the click", async () => {
      const res = await hit(
        `/r/${codes.buyer}?utm_source=xhs&utm_campaign=winter&other=x`,
        {
          referer: "https://notes.example/n/1",
        }
      )
      expect(res.status).toBe(302)
      const location = new URL(res.headers.location)
      expect(location.origin).toBe("https://shop.example")
      expect(location.pathname).toBe("/products/night-cream")
      const ref = location.searchParams.get("ref")!
      expect(ref).toMatch(/^click_/)
      expect(location.searchParams.get("utm_source")).toBe("xhs")
      expect(location.searchParams.get("utm_campaign")).toBe("winter")
      expect(location.searchParams.has("other")).toBe(false)
      expect(res.headers["set-cookie"]?.[0]).toMatch(
        /^notes_vid=[A-Za-z0-9_-]{16,}; Max-Age=31536000; Path=\/; HttpOnly; SameSite=Lax/
      )

      const [row] = await clicks()
      expect(row).toMatchObject({
        id: ref,
        code: codes.buyer,
        note_id: notes.buyer,
        buyer_id: buyerId,
        product_id: f.products[0].id,
        utm_source: "xhs",
        utm_campaign: "winter",
        referer: "https://notes.example/n/1",
        user_agent: BROWSER,
        dropped_reason: null,
      })
      expect(row.ip_hash).toMatch(/^[0-9a-f]{32}$/)
      expect(row.ip_hash).not.toContain("127.0.0.1")
    })

    it("sends unknown, malformed, hidden and unpublished codes home, recording nothing", async () => {
      for (const path of [
        "/r/AAAAAAAAAAAA",
        "/r/short",
        "/r/..%2F..%2Fetc",
        `/r/${codes.buyer}x`,
      ]) {
        const res = await hit(path)
        expect({
          path,
          status: res.status,
          location: res.headers.location,
        }).toEqual({
          path,
          status: 302,
          location: "https://shop.example/",
        })
      }
      await api.post(
        `/admin/notes/${notes.merchant}/hide`,
        { reason: "x" },
        f.adminHeaders
      )
      const hidden = await hit(`/r/${codes.merchant}`)
      expect(hidden.headers.location).toBe("https://shop.example/")
      expect(await clicks()).toHaveLength(0)
    })

    it("never sends anyone to another origin", async () => {
      const res = await hit(`/r/${codes.buyer}`, {
        host: "evil.example",
        "x-forwarded-host": "evil.example",
        "x-forwarded-proto": "http",
      })
      expect(new URL(res.headers.location).origin).toBe("https://shop.example")
      const odd = await hit(
        `/r/${codes.buyer}?utm_source=a&utm_source=b&utm_medium=${"m".repeat(500)}`
      )
      expect(odd.status).toBe(302)
      expect(new URL(odd.headers.location).origin).toBe("https://shop.example")
    })

    it("records HEAD requests, bots and link previews as dropped", async () => {
      await hit(`/r/${codes.buyer}`, {}, "head")
      for (const ua of [
        "facebookexternalhit/1.1",
        "Slackbot-LinkExpanding 1.0",
        "WhatsApp/2.23",
        "curl/8.5.0",
        "",
      ]) {
        const res = await hit(`/r/${codes.buyer}`, { "user-agent": ua })
        expect(res.status).toBe(302)
      }
      const rows = await clicks()
      expect(rows.map((r) => r.dropped_reason)).toEqual([
        "head",
        "bot",
        "bot",
        "bot",
        "bot",
        "bot",
      ])
    })

    it("replaces a malformed visitor cookie instead of failing the click", async () => {
      const res = await hit(`/r/${codes.buyer}`, {
        cookie: "notes_vid=%E0%A4%A; other=1",
      })
      expect(res.status).toBe(302)
      expect(new URL(res.headers.location).searchParams.get("ref")).toMatch(
        /^click_/
      )
      expect(res.headers["set-cookie"]?.[0]).toMatch(/^notes_vid=[\w-]{16,64};/)
      expect((await clicks()).map((r) => r.dropped_reason)).toEqual([null])
    })

    it("drops duplicates of a visitor, note and product, sending them on with the counted click", async () => {
      const first = await hit(`/r/${codes.buyer}`)
      const cookie = first.headers["set-cookie"]![0].split(";")[0]
      const ref1 = new URL(first.headers.location).searchParams.get("ref")
      const second = await hit(`/r/${codes.buyer}`, { cookie })
      expect(new URL(second.headers.location).searchParams.get("ref")).toBe(
        ref1
      )
      expect(second.headers["set-cookie"]).toBeUndefined()
      // Another product is not a duplicate.
      await hit(`/r/${codes.merchant}`, { cookie })
      const rows = await clicks()
      expect(rows.map((r) => [r.note_id, r.dropped_reason])).toEqual([
        [notes.buyer, null],
        [notes.buyer, "duplicate"],
        [notes.merchant, null],
      ])
      expect(new Set(rows.map((r) => r.visitor_id)).size).toBe(1)
    })

    it("drops bursts from one IP over the limit", async () => {
      for (let i = 0; i < 32; i++) {
        await hit(`/r/${codes.merchant}`)
      }
      const rows = await clicks()
      expect(rows).toHaveLength(32)
      expect(rows.filter((r) => r.dropped_reason === null)).toHaveLength(30)
      expect(rows.filter((r) => r.dropped_reason === "burst")).toHaveLength(2)
    })

    it("tracks merchant-note clicks without a buyer, and a suspended buyer's links still redirect but do not earn", async () => {
      await hit(`/r/${codes.merchant}`)
      await api.post(
        `/admin/buyers/${buyerId}/suspend`,
        { reason: "spam" },
        f.adminHeaders
      )
      const res = await hit(`/r/${codes.buyer}`)
      expect(new URL(res.headers.location).pathname).toBe(
        "/products/night-cream"
      )
      const rows = await clicks()
      expect(rows.map((r) => [r.buyer_id, r.dropped_reason])).toEqual([
        [null, null],
        [buyerId, "not_earning"],
      ])
    })

    it("writes accepted clicks in batches and loses none", async () => {
      const sent = 25
      await Promise.all(
        Array.from({ length: sent }, (_, i) =>
          hit(`/r/${codes.merchant}`, {
            "x-forwarded-for": `10.0.0.${i}`,
            cookie: `notes_vid=visitor_${String(i).padStart(12, "0")}`,
          })
        )
      )
      expect((await clicks()).length).toBe(sent)
      const service =
        getContainer().resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
      expect(service.pendingClicks()).toBe(0)
    })
  },
})
