import { createBuyer, shot, startAdmin, uniq, type Admin } from "./harness"
import {
  createShop,
  shopperPage,
  startStorefront,
  storefrontUrl,
  type Shop,
  type Storefront,
  logIn,
} from "./storefront-harness"

jest.setTimeout(900_000)

/*
 * A buyer's promo code on the account page of the reference storefront
 * (issue 15): server-rendered (the code is in the HTML without
 * JavaScript), with a copy button once hydrated; a disabled code is gone.
 */
describe("storefront: the buyer's promo codes", () => {
  let admin: Admin
  let storefront: Storefront | undefined
  let shop: Shop
  let lin: { id: string; handle: string }
  const mark = uniq()
  const code = `LIN${mark.toUpperCase()}`.slice(0, 32)

  const login = async (page: import("playwright-core").Page, js = true) => {
    await page.goto(`${storefront!.url}/account/login?next=/account`)
    await logIn(page, `${lin.handle}@browser.test`, { js })
    await page.waitForURL(/\/account$/)
  }

  beforeAll(async () => {
    await storefrontUrl()
    admin = await startAdmin()
    shop = await createShop(admin, `Promo cream ${mark}`, { countries: [] })
    lin = await createBuyer(admin, "Lin")
    await admin.api("POST", `/admin/buyers/${lin.id}/promo-codes`, {
      code,
      type: "percentage",
      value: "15",
      usage_limit: 100,
    })
    storefront = await startStorefront(admin, {
      publishableKey: shop.key,
      regionId: shop.regionId,
    })
  })
  afterAll(async () => {
    await storefront?.stop()
    await admin?.stop()
  })

  it("shows the code with its discount and a copy button, at 360 and 1280 px", async () => {
    const { page, context, problems } = await shopperPage(admin, {
      viewport: { width: 360, height: 780 },
    })
    await login(page)
    const section = page.getByRole("region", { name: "Your promo codes" })
    await section.getByText(code, { exact: true }).waitFor()
    await section.getByText("15% off").waitFor()
    await section.getByText("used 0 of 100 times", { exact: false }).waitFor()
    await context.grantPermissions(["clipboard-read", "clipboard-write"])
    const copy = section.getByRole("button", { name: `Copy code ${code}` })
    await copy.click()
    // The button shows the result; the live region announces it without
    // showing it a second time (a 1 px clipped box).
    await copy.filter({ hasText: "Copied" }).waitFor()
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code)
    const status = section.getByRole("status")
    expect(await status.textContent()).toBe(`${code} copied`)
    expect(
      await status.evaluate((el) => {
        const r = el.getBoundingClientRect()
        return r.width <= 1 && r.height <= 1
      })
    ).toBe(true)
    await shot(page, "storefront-promo-codes-360")
    await page.setViewportSize({ width: 1280, height: 900 })
    await shot(page, "storefront-promo-codes-1280")
    expect(problems).toEqual([])
    await context.close()
  })

  it("renders the code without JavaScript, and drops it once disabled", async () => {
    const context = await admin.browser.newContext({
      viewport: { width: 1280, height: 900 },
      javaScriptEnabled: false,
    })
    const page = await context.newPage()
    await login(page, false)
    const section = page.getByRole("region", { name: "Your promo codes" })
    await section.getByText(code, { exact: true }).waitFor()
    // No dead button without JavaScript.
    expect(
      await section.getByRole("button", { name: `Copy code ${code}` }).count()
    ).toBe(0)

    const { promo_codes } = await admin.api<{
      promo_codes: { id: string }[]
    }>("GET", `/admin/buyers/${lin.id}/promo-codes`)
    await admin.api(
      "POST",
      `/admin/buyers/${lin.id}/promo-codes/${promo_codes[0].id}/disable`,
      {}
    )
    await page.reload()
    await section.getByText("No promo code yet", { exact: false }).waitFor()
    await context.close()
  })
})
