import {
  createBuyer,
  shot,
  startAdmin,
  storeApi,
  uniq,
  type Admin,
} from "./harness"
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
 * A buyer's public page in the reference storefront (issue 15): reached
 * from a note card's author link, server-rendered with the buyer's counts
 * and notes, and a Follow button that is a plain form post to a server
 * action: it asks an anonymous reader to log in, and works without
 * JavaScript.
 */
describe("storefront: a buyer's public page and following", () => {
  let admin: Admin
  let storefront: Storefront | undefined
  let shop: Shop
  let ana: { id: string; handle: string }
  let reader: { id: string; handle: string }
  const mark = uniq()
  const tag = `buyer${mark}`

  /** Ana's followers as the store API counts them. */
  const followers = async () =>
    (
      await storeApi<{ buyer: { followers_count: number } }>(
        admin,
        "GET",
        `/store/buyers/${ana.handle}`,
        undefined,
        { "x-publishable-api-key": shop.key }
      )
    ).buyer.followers_count

  beforeAll(async () => {
    await storefrontUrl()
    admin = await startAdmin()
    shop = await createShop(admin, `Buyer cream ${mark}`, { countries: [] })
    ana = await createBuyer(admin, "Ana")
    // The reader: a customer (with a pending buyer profile of their own,
    // which changes nothing here) who can log in to the storefront.
    reader = await createBuyer(admin, "Rui", { approve: false })
    for (let i = 1; i <= 3; i++) {
      await admin.api("POST", "/admin/notes", {
        title: `Ana ${mark} note ${i}`,
        body: `Note ${i} by Ana.`,
        tags: [tag],
        status: "published",
        buyer_id: ana.id,
        products: [{ product_id: shop.product.id }],
      })
    }
    storefront = await startStorefront(admin, {
      publishableKey: shop.key,
      regionId: shop.regionId,
    })
  })
  afterAll(async () => {
    await storefront?.stop()
    await admin?.stop()
  })

  it("opens from a card's author, shows the counts and notes, asks to log in to follow, then follows", async () => {
    const { page, context, problems } = await shopperPage(admin, {
      viewport: { width: 360, height: 780 },
    })
    await page.goto(`${storefront!.url}/?tag=${tag}`)
    await page.getByRole("link", { name: "Ana", exact: true }).first().click()
    await page.waitForURL(new RegExp(`/buyers/${ana.handle}$`))
    await page.getByRole("heading", { level: 1, name: "Ana" }).waitFor()
    const main = page.getByRole("main")
    await main.getByText(`@${ana.handle}`).waitFor()
    await main.getByText("3 notes").waitFor()
    await main.getByText("0 followers").waitFor()
    const notes = page.getByRole("region", { name: "Notes by Ana" })
    expect(
      await notes.getByRole("link", { name: /^Ana .* note \d$/ }).count()
    ).toBe(3)
    await main.getByText("Log in to follow").waitFor()
    await shot(page, "storefront-buyer-360")

    // Follow without a login: the login page, which comes back here.
    await page.getByRole("button", { name: "Follow" }).click()
    await page.waitForURL(/\/account\/login\?next=/)
    await logIn(page, `${reader.handle}@browser.test`)
    await page.waitForURL(new RegExp(`/buyers/${ana.handle}$`))
    await page.getByRole("button", { name: "Follow" }).click()
    await page.getByRole("button", { name: "Following" }).waitFor()
    await main.getByText("1 follower", { exact: true }).waitFor()
    expect(await followers()).toBe(1)

    await page.setViewportSize({ width: 1280, height: 900 })
    await shot(page, "storefront-buyer-1280")
    expect(problems).toEqual([])
    await context.close()
  })

  it("unfollows without JavaScript, as a form post", async () => {
    const context = await admin.browser.newContext({
      viewport: { width: 1280, height: 900 },
      javaScriptEnabled: false,
    })
    const page = await context.newPage()
    await page.goto(
      `${storefront!.url}/account/login?next=/buyers/${ana.handle}`
    )
    await logIn(page, `${reader.handle}@browser.test`, { js: false })
    await page.waitForURL(new RegExp(`/buyers/${ana.handle}$`))
    expect(await followers()).toBe(1)
    await page.getByRole("button", { name: "Following" }).click()
    await page.getByRole("button", { name: "Follow", exact: true }).waitFor()
    await page.getByText("0 followers").waitFor()
    expect(await followers()).toBe(0)
    // An unknown buyer is the storefront's not-found page.
    const res = await page.goto(`${storefront!.url}/buyers/nobody${mark}`)
    expect(res?.status()).toBe(404)
    await context.close()
  })
})
