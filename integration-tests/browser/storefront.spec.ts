import { createBuyer, shot, startAdmin, uniq, type Admin } from "./harness"
import {
  shopperPage,
  startStorefront,
  storefrontUrl,
  type Storefront,
} from "./storefront-harness"

jest.setTimeout(900_000)

type Entry = { id: string; status: string; amount: string; type: string }

/**
 * A shop the storefront can sell from: its own sales channel behind its own
 * publishable key, a region (the Netherlands, EUR) paid with the system
 * provider, and a product in that channel at €30 and €36 (no shipping
 * profile, no inventory: nothing to ship).
 */
async function shop(admin: Admin, title: string) {
  const { sales_channel } = await admin.api<{ sales_channel: { id: string } }>(
    "POST",
    "/admin/sales-channels",
    { name: `Storefront ${uniq()}` }
  )
  const { api_key } = await admin.api<{
    api_key: { id: string; token: string }
  }>("POST", "/admin/api-keys", {
    title: `storefront ${uniq()}`,
    type: "publishable",
  })
  await admin.api("POST", `/admin/api-keys/${api_key.id}/sales-channels`, {
    add: [sales_channel.id],
  })
  const { region } = await admin.api<{ region: { id: string } }>(
    "POST",
    "/admin/regions",
    {
      name: `Storefront ${uniq()}`,
      currency_code: "eur",
      countries: ["nl"],
      payment_providers: ["pp_system_default"],
    }
  )
  const { product } = await admin.api<{
    product: { id: string; handle: string; variants: { id: string }[] }
  }>("POST", "/admin/products", {
    title,
    status: "published",
    sales_channels: [{ id: sales_channel.id }],
    options: [{ title: "Size", values: ["30ml", "50ml"] }],
    variants: ["30ml", "50ml"].map((size, i) => ({
      title: size,
      options: { Size: size },
      manage_inventory: false,
      prices: [{ currency_code: "eur", amount: 30 + i * 6 }],
    })),
  })
  return { key: api_key.token, regionId: region.id, product }
}

/*
 * A shopper's whole loop through the reference storefront (storefront/),
 * phone-sized: the feed, a search in Chinese, the note, its Buy button
 * through the buy link, the product page, the cart, checkout with the
 * system payment provider, the confirmation; then, through the admin API,
 * the order is attributed to the note's buyer with a pending commission.
 */
describe("storefront: read a note, buy through it", () => {
  let admin: Admin
  let storefront: Storefront | undefined

  beforeAll(async () => {
    // Run on its own (no global set-up), the server must know the
    // storefront's origin before it boots: buy links redirect there.
    await storefrontUrl()
    admin = await startAdmin()
  })
  afterAll(async () => {
    await storefront?.stop()
    await admin?.stop()
  })

  it("searches 面霜, opens the note, buys through it and the buyer earns a pending commission", async () => {
    const mark = uniq()
    const store = await shop(admin, `Rich night cream ${mark}`)
    const buyer = await createBuyer(admin, "Lin")
    await admin.api("POST", "/admin/commission-rules", {
      scope: "product",
      type: "percentage",
      rate: "10",
      product_id: store.product.id,
    })
    const noteTitle = `秋冬面霜 night routine ${mark}`
    await admin.api("POST", "/admin/notes", {
      title: noteTitle,
      body: "这款**面霜**很好用: a rich cream for dry winter skin.",
      tags: ["skincare"],
      status: "published",
      locale: "zh-CN",
      buyer_id: buyer.id,
      products: [{ product_id: store.product.id, x: 0.5, y: 0.5 }],
    })
    storefront = await startStorefront(admin, {
      publishableKey: store.key,
      regionId: store.regionId,
    })

    const { page, context, problems } = await shopperPage(admin)
    await page.goto(storefront.url)
    await shot(page, "storefront-feed")

    await page.getByRole("searchbox").fill("面霜")
    await page.getByRole("searchbox").press("Enter")
    const card = page.getByRole("link", { name: new RegExp(mark) })
    await card.waitFor()
    await shot(page, "storefront-search")
    await card.click()
    await page.getByRole("heading", { name: noteTitle }).waitFor()
    expect(await page.locator("html").getAttribute("lang")).toBe("zh-CN")
    await shot(page, "storefront-note")

    // Buy: the buy link records the click and lands on the product page;
    // the ref rides along in a first-party cookie, out of the shopper's way.
    await page
      .getByRole("link", { name: /buy|购买/i })
      .first()
      .click()
    await page.waitForURL(new RegExp(`/products/${store.product.handle}`))
    await page
      .getByRole("heading", { name: `Rich night cream ${mark}` })
      .waitFor()
    await shot(page, "storefront-product")
    await page
      .getByRole("button", { name: /add to (cart|bag)|加入购物车/i })
      .click()
    await page
      .getByRole("link", { name: /cart|bag|购物车/i })
      .first()
      .click()
    await page.waitForURL(/\/cart/)
    await shot(page, "storefront-cart")

    await page
      .getByRole("link", { name: /checkout|结算/i })
      .first()
      .click()
    await page.getByLabel(/email/i).fill(`shopper-${mark}@browser.test`)
    await page.getByLabel(/first name/i).fill("Mei")
    await page.getByLabel(/last name/i).fill("Chen")
    await page
      .getByLabel(/address/i)
      .first()
      .fill("Keizersgracht 1")
    await page.getByLabel(/city/i).fill("Amsterdam")
    await page.getByLabel(/postal code/i).fill("1015 CJ")
    await shot(page, "storefront-checkout")
    await page.getByRole("button", { name: /place order|下单/i }).click()
    await page.waitForURL(/\/order\//)
    const orderId = new URL(page.url()).pathname.split("/").pop()!
    await page
      .getByRole("heading", { name: /thank you|order confirmed/i })
      .waitFor()
    await shot(page, "storefront-order")

    // Attribution and accrual run on the order's events: poll the API.
    let entries: Entry[] = []
    for (const until = Date.now() + 30_000; Date.now() < until;) {
      entries = (
        await admin.api<{ commissions: Entry[] }>(
          "GET",
          `/admin/commissions?order_id=${orderId}`
        )
      ).commissions
      if (entries.length) {
        break
      }
      await new Promise((r) => setTimeout(r, 250))
    }
    expect(entries.map((e) => `${e.type}:${e.status}:${e.amount}`)).toEqual([
      "accrual:pending:3",
    ])
    const { attribution } = await admin.api<{
      attribution: { outcome: string; buyer: { id: string } | null }
    }>("GET", `/admin/orders/${orderId}/attribution`)
    expect(attribution.buyer?.id).toBe(buyer.id)

    expect(problems).toEqual([])
    await context.close()
  })
})
