import {
  adminPage,
  createBuyer,
  shot,
  startAdmin,
  storeApi,
  uniq,
  type Admin,
} from "./harness"
import { createShop } from "./storefront-harness"

jest.setTimeout(240_000)

const BROWSER_UA =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"

type Entry = { id: string; status: string; amount: string; type: string }

/*
 * The order, customer and product widgets of the built admin: an order
 * placed through a buy link shows its note, buyer and pending commission on
 * the order page; the commission is held and released from the widget (and
 * checked through the API); the buyer's customer page shows the profile,
 * the shopper's shows none; the product page shows the product's 30 days
 * and its default rule.
 */
describe("admin: widgets", () => {
  let admin: Admin

  beforeAll(async () => {
    admin = await startAdmin()
  })

  afterAll(async () => {
    await admin?.stop()
  })

  it("shows an order's attribution and commission, holds and releases it; a buyer's customer page shows the profile", async () => {
    const mark = uniq()
    const store = await createShop(admin, `Widget cream ${mark}`, {
      countries: [],
      // One size: the product widget prices the product by its first variant.
      sizes: [["One size", 30]],
    })
    const headers = { "x-publishable-api-key": store.key }
    const buyer = await createBuyer(admin, "Widgeteer")
    await admin.api("POST", "/admin/commission-rules", {
      scope: "product",
      type: "percentage",
      rate: "10",
      product_id: store.product.id,
    })
    const noteTitle = `Cream routine ${mark}`
    const { note } = await admin.api<{
      note: { id: string; products: { code: string }[] }
    }>("POST", "/admin/notes", {
      title: noteTitle,
      body: "A rich cream.",
      status: "published",
      buyer_id: buyer.id,
      products: [{ product_id: store.product.id }],
    })

    // The shopper follows the buy link; the redirect carries the click id.
    const redirect = await fetch(`${admin.base}/r/${note.products[0].code}`, {
      redirect: "manual",
      headers: { "user-agent": BROWSER_UA },
    })
    expect(redirect.status).toBe(302)
    const ref = new URL(
      redirect.headers.get("location")!,
      admin.base
    ).searchParams.get("ref")
    expect(ref).toBeTruthy()

    const { cart } = await storeApi<{ cart: { id: string } }>(
      admin,
      "POST",
      "/store/carts",
      {
        region_id: store.regionId,
        email: `shopper-${mark}@browser.test`,
        items: [{ variant_id: store.product.variants[0].id, quantity: 1 }],
        metadata: { referral_click_id: ref },
      },
      headers
    )
    const { payment_collection } = await storeApi<{
      payment_collection: { id: string }
    }>(
      admin,
      "POST",
      "/store/payment-collections",
      { cart_id: cart.id },
      headers
    )
    await storeApi(
      admin,
      "POST",
      `/store/payment-collections/${payment_collection.id}/payment-sessions`,
      { provider_id: "pp_system_default" },
      headers
    )
    const done = await storeApi<{ type: string; order: { id: string } }>(
      admin,
      "POST",
      `/store/carts/${cart.id}/complete`,
      {},
      headers
    )
    expect(done.type).toBe("order")
    const orderId = done.order.id

    const entries = async () =>
      (
        await admin.api<{ commissions: Entry[] }>(
          "GET",
          `/admin/commissions?order_id=${orderId}&limit=100`
        )
      ).commissions

    const { page, context, problems } = await adminPage(admin)
    await page.goto(`${admin.base}/app/orders/${orderId}`)
    const widget = page.getByTestId("order-attribution")
    // Attribution and accrual run on the order's events: the page shows
    // them once they are there (a reload per try, no fixed sleep).
    let seen: string[] = []
    for (const until = Date.now() + 30_000; Date.now() < until;) {
      seen = (await entries()).map((e) => `${e.type}:${e.status}:${e.amount}`)
      if (seen.length) {
        break
      }
      await new Promise((r) => setTimeout(r, 250))
    }
    expect(seen).toEqual(["accrual:pending:3"])
    await page.reload()
    await widget.getByRole("link", { name: noteTitle }).waitFor()
    await widget
      .getByRole("link", { name: new RegExp(`@${buyer.handle}`) })
      .waitFor()
    await widget.getByText(`Widget cream ${mark}`).waitFor()
    const commissions = widget.getByTestId("order-commissions")
    await commissions.getByText("Pending").waitFor()
    await commissions.getByText("€3.00").waitFor()
    await shot(page, "widget-order")

    await widget.getByRole("button", { name: "Hold" }).click()
    await page
      .getByRole("alertdialog")
      .getByRole("button", { name: "Hold" })
      .click()
    await commissions.getByText("On hold").waitFor()
    expect((await entries()).map((e) => e.status)).toEqual(["on_hold"])
    await shot(page, "widget-order-held")

    await widget.getByRole("button", { name: "Release" }).click()
    await commissions.getByText("Pending").waitFor()
    expect((await entries()).map((e) => e.status)).toEqual(["pending"])
    await widget.getByRole("button", { name: "Hold" }).waitFor()

    // The buyer's own customer page shows the buyer profile.
    const { buyer: full } = await admin.api<{
      buyer: { customer_id: string }
    }>("GET", `/admin/buyers/${buyer.id}`)
    await page.goto(`${admin.base}/app/customers/${full.customer_id}`)
    const profile = page.getByTestId("customer-buyer")
    await profile.getByRole("link", { name: `@${buyer.handle}` }).waitFor()
    await profile.getByText("Approved").waitFor()
    await shot(page, "widget-customer")

    // The product page: its last 30 days (the one click, the one order,
    // the €3.00 accrued) and the product rule a buyer without rules of
    // their own earns by, with what one unit at €30 earns.
    await page.goto(`${admin.base}/app/products/${store.product.id}`)
    const productWidget = page.getByTestId("product-notes")
    await productWidget.getByRole("link", { name: noteTitle }).waitFor()
    await productWidget
      .getByTestId("product-commission")
      .getByText("€3.00")
      .waitFor()
    expect(await productWidget.getByTestId("product-clicks").innerText()).toBe(
      "1"
    )
    expect(await productWidget.getByTestId("product-orders").innerText()).toBe(
      "1"
    )
    const rule = productWidget.getByTestId("product-rule")
    await rule.getByText("Applies: Product rule, 10%").waitFor()
    await rule.getByText("Earns €3.00 on one unit at €30.00").waitFor()
    await shot(page, "widget-product")

    // The shopper is a customer but not a buyer.
    const { order } = await admin.api<{ order: { customer_id: string } }>(
      "GET",
      `/admin/orders/${orderId}?fields=id,customer_id`
    )
    await page.goto(`${admin.base}/app/customers/${order.customer_id}`)
    await page.getByTestId("customer-buyer").getByText("Not a buyer").waitFor()

    expect(problems).toEqual([])
    await context.close()
  })
})
