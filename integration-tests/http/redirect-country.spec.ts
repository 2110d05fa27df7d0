import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ATTRIBUTION_MODULE } from "../../src/modules/attribution"
import type AttributionModuleService from "../../src/modules/attribution/service"
import { buyLinkResolver } from "../../src/utils/buy-link-resolver"
import { BROWSER, createStoreFixture, sql } from "../helpers/fixtures"

jest.setTimeout(120 * 1000)

/*
 * A storefront with the country first in its product URLs (Medusa's
 * dtc-starter: /{countryCode}/products/{handle}): the buy link fills the
 * country from the CDN's header when the storefront serves it, else the
 * default country, so no click costs the storefront's own redirect.
 */
// Read by medusa-config.ts, which the runner loads before it applies `env`.
process.env.NOTES_PRODUCT_PATH = "/{country}/products/{handle}"
process.env.NOTES_DEFAULT_COUNTRY = "DK"
process.env.NOTES_COUNTRIES = "dk,nl,de"

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    const attribution = () =>
      getContainer().resolve<AttributionModuleService>(ATTRIBUTION_MODULE)

    let code: string

    beforeEach(async () => {
      buyLinkResolver.clear()
      attribution().resetClickMemory()
      const f = await createStoreFixture(getContainer())
      code = (
        await api.post(
          "/admin/notes",
          {
            title: "Store pick",
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

    const land = async (headers: Record<string, string>) => {
      const res = await api.request({
        url: `/r/${code}?utm_source=xhs`,
        maxRedirects: 0,
        validateStatus: () => true,
        headers: { "user-agent": BROWSER, ...headers },
      })
      expect(res.status).toBe(302)
      const to = new URL(res.headers.location)
      expect(to.origin).toBe("https://shop.example")
      expect(to.searchParams.get("ref")).toMatch(/^click_/)
      expect(to.searchParams.get("utm_source")).toBe("xhs")
      return to.pathname
    }

    it("lands on the visitor's country's product page, else the default country's", async () => {
      expect(await land({ "cf-ipcountry": "NL" })).toBe(
        "/nl/products/night-cream"
      )
      expect(await land({ "x-vercel-ip-country": "de" })).toBe(
        "/de/products/night-cream"
      )
      // The first header that names a served country wins.
      expect(
        await land({
          "cf-ipcountry": "US",
          "cloudfront-viewer-country": "NL",
        })
      ).toBe("/nl/products/night-cream")

      // No header, an unknown country (Cloudflare's XX and T1), one the
      // storefront does not serve, or a malformed value: the default.
      for (const headers of <Record<string, string>[]>[
        {},
        { "cf-ipcountry": "XX" },
        { "cf-ipcountry": "T1" },
        { "cf-ipcountry": "US" },
        { "cf-ipcountry": "../../admin" },
        { "x-vercel-ip-country": "NLD" },
        { "x-vercel-ip-country": "" },
      ]) {
        expect(await land(headers)).toBe("/dk/products/night-cream")
      }
      // A header the plugin is not told to read is ignored.
      expect(await land({ "x-country": "nl" })).toBe("/dk/products/night-cream")

      // Every one of them was a click (the same visitor's repeats are
      // duplicates, still recorded).
      await attribution().flushClicks()
      const [{ n }] = await sql<{ n: number }>(
        getContainer(),
        "select count(*)::int as n from referral_click where code = ?",
        [code]
      )
      expect(n).toBe(11)
    })

    it("sends an unknown code home whatever the country", async () => {
      const res = await api.request({
        url: "/r/AAAAAAAAAAAA",
        maxRedirects: 0,
        validateStatus: () => true,
        headers: { "user-agent": BROWSER, "cf-ipcountry": "NL" },
      })
      expect(res.status).toBe(302)
      expect(res.headers.location).toBe("https://shop.example/")
    })
  },
})
