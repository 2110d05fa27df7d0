import path from "node:path"
import type { Page } from "playwright-core"
import { REFERRAL_COOKIE } from "../../src/client"
import { mintClickId } from "../../src/modules/attribution/utils/ids"
import {
  SHOTS,
  createBuyer,
  registerCustomer,
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

/** Notes the feed's tag shows: one page of 30 and a second of 10. */
const NOTES = 40

/** The note links of the feed, in page order (each card links its note once). */
async function feedNotes(page: Page): Promise<string[]> {
  return page
    .locator('main a[href^="/notes/"]')
    .evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""))
}

/*
 * The Discover feed's pages (issue 13): infinite scroll with JavaScript,
 * the server-rendered "Load more" link without, both keeping the tag or
 * the search; and the storefront's carrying of a buy-link click that the
 * plugin refuses (400): the cookie goes, the cart stays as it was.
 */
describe("storefront: the feed's pages and a refused click", () => {
  let admin: Admin
  let storefront: Storefront | undefined
  let shop: Shop
  const mark = uniq()
  const tag = `feed${mark}`
  const titles = new Map<string, string>()
  let ana: { id: string; handle: string }

  beforeAll(async () => {
    await storefrontUrl()
    admin = await startAdmin()
    // No country: the storefront journey's shop has the Netherlands, and a
    // country belongs to one region. Nothing here checks out.
    shop = await createShop(admin, `Feed cream ${mark}`, { countries: [] })
    const buyer = await createBuyer(admin, "Ana")
    ana = buyer
    for (let i = 0; i < NOTES; i++) {
      const title = `Feed ${mark} note ${i + 1}`
      const { note } = await admin.api<{ note: { id: string } }>(
        "POST",
        "/admin/notes",
        {
          title,
          body: `Note ${i + 1} of the feed ${mark}.`,
          tags: [tag],
          status: "published",
          buyer_id: buyer.id,
          // The first note is also "about" the shop's product.
          products: i === 0 ? [{ product_id: shop.product.id }] : [],
        }
      )
      titles.set(`/notes/${note.id}`, title)
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

  it("loads the next page as the reader nears the end, announced, without duplicates or taking focus", async () => {
    const { page, context, problems } = await shopperPage(admin)
    await page.goto(`${storefront!.url}/?tag=${tag}`)
    await page.getByRole("link", { name: "Load more" }).waitFor()
    const first = await feedNotes(page)
    expect(first).toHaveLength(30)
    expect(
      await page.getByRole("link", { name: "Load more" }).getAttribute("href")
    ).toBe(`/?tag=${tag}&page=2`)
    // The reader is typing in the search box while scrolling.
    await page.getByRole("searchbox", { name: "Search notes" }).focus()

    await page.evaluate(() =>
      window.scrollTo(0, document.documentElement.scrollHeight)
    )
    await page
      .getByRole("status")
      .getByText("10 more notes loaded. That is all.")
      .waitFor()
    const all = await feedNotes(page)
    expect(all).toHaveLength(NOTES)
    expect(new Set(all).size).toBe(NOTES)
    expect(all.slice(0, 30)).toEqual(first)
    expect(new Set(all)).toEqual(new Set(titles.keys()))
    // The cards carry the merged NoteCard: title link and author link.
    await page
      .getByRole("link", { name: `Feed ${mark} note 1`, exact: true })
      .waitFor()
    expect(await page.getByRole("link", { name: "Ana" }).count()).toBe(NOTES)
    expect(await page.getByRole("link", { name: "Load more" }).count()).toBe(0)
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("q")
    await shot(page, "storefront-feed-scrolled")
    // Where page 1 ends and page 2 begins, as the reader sees it.
    await page.evaluate(() => {
      document.querySelector('[aria-label="Page 2"]')?.scrollIntoView()
      window.scrollBy(0, -420)
    })
    await page.screenshot({
      path: path.join(SHOTS, "storefront-feed-page-boundary.png"),
    })
    // On a wide screen each page is a block of five columns.
    await page.setViewportSize({ width: 1280, height: 900 })
    await shot(page, "storefront-feed-scrolled-wide")
    expect(problems).toEqual([])
    await context.close()
  })

  it("pages with a real link without JavaScript, keeping the tag and the search", async () => {
    const context = await admin.browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 390, height: 844 },
    })
    const page = await context.newPage()
    /** Page 1 of `query`, then "Load more": both pages, every note once. */
    const bothPages = async (query: string) => {
      await page.goto(`${storefront!.url}/?${query}`)
      const one = await feedNotes(page)
      expect(one).toHaveLength(30)
      await page.getByRole("link", { name: "Load more" }).click()
      await page.waitForURL(`${storefront!.url}/?${query}&page=2`)
      const two = await feedNotes(page)
      expect(two).toHaveLength(NOTES - 30)
      expect(new Set([...one, ...two])).toEqual(new Set(titles.keys()))
      expect(await page.getByRole("link", { name: "Load more" }).count()).toBe(
        0
      )
      return one
    }

    const first = await bothPages(`tag=${tag}`)
    await shot(page, "storefront-feed-page-2-nojs")
    // Back to the first page.
    await page.getByRole("link", { name: "Newer notes" }).click()
    await page.waitForURL(`${storefront!.url}/?tag=${tag}`)
    expect(await feedNotes(page)).toEqual(first)

    // A search keeps its words on the next page.
    await bothPages(`q=${mark}`)
    await page.getByText(`${NOTES} notes for “${mark}”`).waitFor()
    await context.close()
  })

  it("shows the same note cards on a product page and under a note's author", async () => {
    const { page, context, problems } = await shopperPage(admin)
    await page.goto(`${storefront!.url}/products/${shop.product.handle}`)
    const about = page.getByRole("region", { name: "Notes about this product" })
    await about
      .getByRole("link", { name: `Feed ${mark} note 1`, exact: true })
      .waitFor()
    await about.getByRole("link", { name: "Ana" }).waitFor()
    await shot(page, "storefront-feed-product-strip")

    await about.getByRole("link", { name: `Feed ${mark} note 1` }).click()
    await page.getByRole("heading", { name: `Feed ${mark} note 1` }).waitFor()
    // Six of the author's other notes, newest first, no author links.
    const more = page.getByRole("region", { name: "More from Ana" })
    await more
      .getByRole("link", { name: `Feed ${mark} note ${NOTES}` })
      .waitFor()
    expect(await more.getByRole("link").count()).toBe(6)
    await shot(page, "storefront-feed-note-more")
    expect(problems).toEqual([])
    await context.close()
  })

  it("counts a reader's view from the note page once a day, and switches the feed to Trending", async () => {
    const { page, context, problems } = await shopperPage(admin)
    const key = { "x-publishable-api-key": shop.key }
    const first = [...titles.keys()][0]
    const id = first.slice("/notes/".length)
    const views = async () =>
      (
        await storeApi<{ note: { views_count: number } }>(
          admin,
          "GET",
          `/store/notes/${id}`,
          undefined,
          key
        )
      ).note.views_count
    const beacon = () =>
      page.waitForResponse(
        (r) =>
          r.url().endsWith(`/store/notes/${id}/views`) &&
          r.request().method() === "POST"
      )
    const before = await views()
    // The browser posts the view itself once the page shows.
    const sent = beacon()
    await page.goto(`${storefront!.url}${first}`)
    expect((await sent).status()).toBe(204)
    expect(await views()).toBe(before + 1)
    // Back the same day: the same visitor (Medusa's cookie went along), so
    // answered and not counted again.
    const again = beacon()
    await page.reload()
    expect((await again).status()).toBe(204)
    expect(await views()).toBe(before + 1)

    // A reader saves the oldest note of the tag: it trends above 39 newer
    // notes without engagement, and the newest order stays as it was.
    const creds = { email: `saver${mark}@browser.test`, password: "saver-123" }
    const { token: registration } = await storeApi<{ token: string }>(
      admin,
      "POST",
      "/auth/customer/emailpass/register",
      creds
    )
    await storeApi(
      admin,
      "POST",
      "/store/customers",
      { email: creds.email },
      { ...key, authorization: `Bearer ${registration}` }
    )
    const { token } = await storeApi<{ token: string }>(
      admin,
      "POST",
      "/auth/customer/emailpass",
      creds
    )
    await storeApi(
      admin,
      "POST",
      `/store/notes/${id}/save`,
      {},
      {
        ...key,
        authorization: `Bearer ${token}`,
      }
    )
    await page.goto(`${storefront!.url}/?tag=${tag}`)
    const order = page.getByRole("navigation", { name: "Order" })
    expect(
      await order
        .getByRole("link", { name: "Newest" })
        .getAttribute("aria-current")
    ).toBe("page")
    const newest = await feedNotes(page)
    expect(newest[0]).not.toBe(first)
    await order.getByRole("link", { name: "Trending" }).click()
    await page.waitForURL(`${storefront!.url}/?tag=${tag}&sort=trending`)
    expect(
      await order
        .getByRole("link", { name: "Trending" })
        .getAttribute("aria-current")
    ).toBe("page")
    const trending = await feedNotes(page)
    expect(trending[0]).toBe(first)
    expect(trending.slice(1)).toEqual(
      newest.filter((n) => n !== first).slice(0, 29)
    )
    // "Load more" keeps the order.
    expect(
      await page.getByRole("link", { name: "Load more" }).getAttribute("href")
    ).toBe(`/?tag=${tag}&sort=trending&page=2`)
    await shot(page, "storefront-feed-trending")
    expect(problems).toEqual([])
    await context.close()
  })

  it("has a Following tab: logged out it goes to log in and back, then shows only the followed buyers' notes", async () => {
    const { page, context, problems } = await shopperPage(admin)
    // Ana's 30 newest notes, as the tag's newest page shows them.
    await page.goto(`${storefront!.url}/?tag=${tag}`)
    const anaNewest = await feedNotes(page)
    // Another buyer's note, newer than all of Ana's.
    const bo = await createBuyer(admin, "Bo")
    const boTitle = `Bo ${mark} newest`
    await admin.api("POST", "/admin/notes", {
      title: boTitle,
      body: "Not followed.",
      status: "published",
      buyer_id: bo.id,
    })
    const email = `follower${mark}@browser.test`
    await registerCustomer(admin, email, { first_name: "Fen" })

    // Logged out, the tab is the login page, which comes back to it.
    await page.goto(`${storefront!.url}/`)
    const order = page.getByRole("navigation", { name: "Order" })
    const tab = order.getByRole("link", { name: "Following" })
    expect(decodeURIComponent((await tab.getAttribute("href")) ?? "")).toBe(
      "/account/login?next=/?feed=following"
    )
    await tab.click()
    await page.waitForURL(/\/account\/login\?next=/)
    await logIn(page, email)
    await page.waitForURL(`${storefront!.url}/?feed=following`)
    expect(await tab.getAttribute("aria-current")).toBe("page")
    expect(
      await order
        .getByRole("link", { name: "Newest" })
        .getAttribute("aria-current")
    ).toBeNull()
    // Following nobody yet.
    await page.getByText("No notes from buyers you follow yet.").waitFor()
    expect(await feedNotes(page)).toEqual([])

    // Follow Ana from her page, then the tab shows her notes only.
    await page.goto(`${storefront!.url}/buyers/${ana.handle}`)
    await page.getByRole("button", { name: "Follow", exact: true }).click()
    await page.getByRole("button", { name: "Following" }).waitFor()
    await page.goto(`${storefront!.url}/`)
    expect(await tab.getAttribute("href")).toBe("/?feed=following")
    await tab.click()
    await page.waitForURL(`${storefront!.url}/?feed=following`)
    await page.getByRole("link", { name: "Load more" }).waitFor()
    expect(await feedNotes(page)).toEqual(anaNewest)
    expect(await page.getByText(boTitle).count()).toBe(0)
    expect(
      await page.getByRole("link", { name: "Load more" }).getAttribute("href")
    ).toBe("/?feed=following&page=2")
    await shot(page, "storefront-feed-following")
    await page.setViewportSize({ width: 1280, height: 900 })
    await shot(page, "storefront-feed-following-wide")
    expect(problems).toEqual([])
    await context.close()

    // Without JavaScript the tabs are plain links; logged out, the
    // following feed's own address goes to log in.
    const nojs = await admin.browser.newContext({ javaScriptEnabled: false })
    const plain = await nojs.newPage()
    await plain.goto(`${storefront!.url}/?feed=following`)
    await plain.waitForURL(/\/account\/login\?next=/)
    expect(decodeURIComponent(new URL(plain.url()).search)).toBe(
      "?next=/?feed=following"
    )
    await nojs.close()
  })

  it("drops a kept click that the plugin refuses (400) and still adds to the cart", async () => {
    const { page, context, problems } = await shopperPage(admin)
    const product = `${storefront!.url}/products/${shop.product.handle}`
    // A cart from before the click.
    await page.goto(product)
    await page.getByText("30ml").click()
    await page.getByRole("button", { name: "Add to cart" }).click()
    await page.getByRole("status").getByText("Added to your cart.").waitFor()

    // A well-formed click id from an hour ago that the plugin never
    // recorded (forged, or lost): the storefront keeps it, as it cannot
    // tell. (A click minted moments ago would be taken: it may still be in
    // the redirect's unwritten batch.)
    const forged = mintClickId(Date.now() - 3600_000)
    await page.goto(`${product}?ref=${forged}`)
    await page.getByRole("button", { name: "Add to cart" }).waitFor()
    const kept = (await context.cookies()).find(
      (c) => c.name === REFERRAL_COOKIE
    )
    expect(kept?.value).toBe(forged)

    // Adding carries it to the cart: POST /store/carts/{id}/referral
    // answers 400 (click_id), the storefront forgets the click and the
    // line is added all the same.
    await page.getByText("50ml").click()
    await page.getByRole("button", { name: "Add to cart" }).click()
    await page.getByRole("status").getByText("Added to your cart.").waitFor()
    const cookies = await context.cookies()
    expect(cookies.map((c) => c.name)).not.toContain(REFERRAL_COOKIE)
    const cartId = cookies.find((c) => c.name === "_medusa_cart_id")!.value
    const { cart } = await storeApi<{
      cart: {
        metadata: Record<string, unknown> | null
        items: { variant_title: string }[]
      }
    }>(
      admin,
      "GET",
      `/store/carts/${cartId}?fields=+metadata,*items`,
      undefined,
      { "x-publishable-api-key": shop.key }
    )
    expect(cart.metadata?.referral_click_id).toBeUndefined()
    expect(cart.items.map((i) => i.variant_title).sort()).toEqual([
      "30ml",
      "50ml",
    ])
    // The 400 is between the storefront's server and Medusa: the shopper's
    // browser sees nothing fail.
    expect(problems).toEqual([])
    await context.close()
  })
})
