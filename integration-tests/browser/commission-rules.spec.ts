import { adminPage, shot, startAdmin, type Admin } from "./harness"

jest.setTimeout(240_000)

/** An approved buyer, through the store API as a shopper applies. */
async function approvedBuyer(admin: Admin): Promise<string> {
  const { api_key } = await admin.api<{ api_key: { token: string } }>(
    "POST",
    "/admin/api-keys",
    { title: "browser suite", type: "publishable" }
  )
  const pk = { "x-publishable-api-key": api_key.token }
  const post = async (url: string, body: unknown, headers = {}) => {
    const res = await fetch(admin.base + url, {
      method: "POST",
      headers: { "content-type": "application/json", ...pk, ...headers },
      body: JSON.stringify(body),
    })
    const json = await res.json()
    if (!res.ok) {
      throw new Error(`${url}: ${res.status} ${JSON.stringify(json)}`)
    }
    return json
  }
  const creds = { email: "lin@browser.test", password: "lin-password-123" }
  const { token: registration } = await post(
    "/auth/customer/emailpass/register",
    creds
  )
  await post(
    "/store/customers",
    { email: creds.email },
    { authorization: `Bearer ${registration}` }
  )
  const { token } = await post("/auth/customer/emailpass", creds)
  const { buyer } = await post(
    "/store/buyers",
    { handle: "lin", display_name: "Lin" },
    { authorization: `Bearer ${token}` }
  )
  await admin.api("POST", `/admin/buyers/${buyer.id}/approve`, {})
  return buyer.id
}

/*
 * The merchant sets a product's commission through the form and the
 * preview shows it winning over the default rule for a buyer.
 */
describe("admin: commission rules", () => {
  let admin: Admin

  beforeAll(async () => {
    admin = await startAdmin()
  })

  afterAll(async () => {
    await admin?.stop()
  })

  it("creates a percentage rule for a product and the preview chooses it", async () => {
    const { product } = await admin.api<{ product: { id: string } }>(
      "POST",
      "/admin/products",
      {
        title: "Night cream",
        options: [{ title: "Size", values: ["50 ml"] }],
        variants: [
          {
            title: "50 ml",
            options: { Size: "50 ml" },
            prices: [{ currency_code: "eur", amount: 30 }],
          },
        ],
      }
    )
    const buyerId = await approvedBuyer(admin)
    await admin.api("POST", "/admin/commission-rules", {
      scope: "default",
      type: "percentage",
      rate: "5",
    })

    const { page, context, problems } = await adminPage(admin)
    await page.goto(`${admin.base}/app/notes/commission-rules`)
    await page.getByRole("heading", { name: "Commission rules" }).waitFor()
    await page.getByRole("row", { name: /Default.*5%/ }).waitFor()

    // A bad rate first: the API's message shows on the rate field.
    await page.getByRole("button", { name: "Create rule" }).click()
    const modal = page.getByRole("dialog")
    await modal.getByLabel("Product ID").fill(product.id)
    await modal.getByLabel("Rate (%)").fill("120")
    await modal.getByRole("button", { name: "Save" }).click()
    await modal
      .getByRole("alert")
      .filter({ hasText: "rate: a percentage must be between 0 and 100" })
      .waitFor()
    await shot(page, "commission-rules-create-error")
    await modal.getByLabel("Rate (%)").fill("12.5")
    await modal.getByRole("button", { name: "Save" }).click()
    await modal.waitFor({ state: "detached" })
    await page.getByRole("row", { name: /Product.*12\.5%/ }).waitFor()

    const rules = await admin.api<{
      commission_rules: { scope: string; rate: string; product_id: string }[]
    }>("GET", "/admin/commission-rules?scope=product")
    expect(rules.commission_rules).toEqual([
      expect.objectContaining({ rate: "12.5", product_id: product.id }),
    ])

    // The preview: the product rule wins over the default.
    await page.locator("#preview-buyer").fill(buyerId)
    await page.locator("#preview-product").fill(product.id)
    await page.getByRole("button", { name: "Preview" }).click()
    await page
      .getByTestId("preview")
      .getByText(/Applies: Product rule, 12\.5%/)
      .waitFor()
    await shot(page, "commission-rules")

    // The 400 above was the test's own: the only problem allowed.
    expect(
      problems.filter(
        (p) =>
          !/^400: POST .*\/admin\/commission-rules$/.test(p) &&
          !/^console: .*status of 400/.test(p)
      )
    ).toEqual([])
    await context.close()
  })
})
