import {
  adminPage,
  createBuyer,
  createProduct,
  ensureCurrencies,
  shot,
  startAdmin,
  uniq,
  type Admin,
} from "./harness"

jest.setTimeout(180_000)

/*
 * The merchant sets a product's commission through the form and the
 * preview shows it winning over the default rule for a buyer, with what
 * one unit earns at the product's price.
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
    await ensureCurrencies(admin, ["eur", "usd"])
    const title = `Night cream ${uniq()}`
    const product = await createProduct(admin, title, 30, "eur")
    const buyer = await createBuyer(admin, "Lin")
    await admin.api("POST", "/admin/commission-rules", {
      scope: "default",
      type: "percentage",
      rate: "5",
    })

    const { page, context, problems } = await adminPage(admin)
    await page.goto(`${admin.base}/app/notes/commission-rules`)
    await page.getByRole("heading", { name: "Commission rules" }).waitFor()
    await page.getByTestId("scope-default").getByText("5%").first().waitFor()

    await page.getByRole("button", { name: "Create rule" }).click()
    const modal = page.getByRole("dialog")
    await modal
      .getByRole("heading", { name: "Create commission rule" })
      .waitFor()
    // Scope "Product" is the form's first choice: pick the product by name.
    await modal.locator("#rule-product_id").fill(title.slice(0, 14))
    await modal.getByRole("option", { name: new RegExp(title) }).click()

    // A flat amount finer than the currency's cents: the API refuses it and
    // its message shows on the amount field.
    await modal.locator("#rule-type").click()
    await page.getByRole("option", { name: "Flat amount per unit" }).click()
    await modal.locator("#rule-amount").fill("2.555")
    await modal.locator("#rule-currency_code").click()
    await page.getByRole("option", { name: "EUR" }).click()
    await modal.getByRole("button", { name: "Save" }).click()
    await modal
      .locator("#rule-amount-error")
      .filter({ hasText: "has more decimal places than EUR has" })
      .waitFor()
    await shot(page, "commission-rules-create-error")

    // A percentage above 100 is caught on the page before any request.
    await modal.locator("#rule-type").click()
    await page.getByRole("option", { name: "Percentage of the line" }).click()
    await modal.locator("#rule-rate").fill("120")
    await modal.getByRole("button", { name: "Save" }).click()
    await modal
      .locator("#rule-rate-error")
      .filter({ hasText: "between 0 and 100" })
      .waitFor()
    await modal.locator("#rule-rate").fill("12.5")
    await modal.getByRole("button", { name: "Save" }).click()
    await modal.waitFor({ state: "detached" })
    const productSection = page.getByTestId("scope-product")
    await productSection.getByRole("row", { name: new RegExp(title) }).waitFor()
    await productSection.getByText("12.5%").waitFor()

    const rules = await admin.api<{
      commission_rules: { rate: string; product_id: string }[]
    }>("GET", `/admin/commission-rules?scope=product&product_id=${product.id}`)
    expect(rules.commission_rules).toEqual([
      expect.objectContaining({ rate: "12.5", product_id: product.id }),
    ])

    // The preview: the product rule wins over the default, and one unit at
    // €30 earns €3.75.
    const preview = page.getByTestId("preview")
    await preview.locator("#preview-buyer").fill("Lin")
    await page.getByRole("option", { name: new RegExp(buyer.handle) }).click()
    await preview.locator("#preview-product").fill(title.slice(0, 14))
    await page.getByRole("option", { name: new RegExp(title) }).click()
    await preview.getByText("Applies: Product rule, 12.5%").waitFor()
    await preview.getByText("Earns €3.75 on one unit at €30.00").waitFor()
    await preview.getByText(/Passed over/).waitFor({ state: "detached" })
    await shot(page, "commission-rules")

    // Edit in the drawer: 15% now, and the preview follows.
    await productSection
      .getByRole("row", { name: new RegExp(title) })
      .getByRole("button")
      .last()
      .click()
    await page.getByRole("menuitem", { name: "Edit" }).click()
    const drawer = page.getByRole("dialog")
    await drawer
      .getByRole("heading", { name: "Edit commission rule" })
      .waitFor()
    await drawer.locator("#edit-value").fill("15")
    await shot(page, "commission-rules-edit")
    await drawer.getByRole("button", { name: "Save" }).click()
    await drawer.waitFor({ state: "detached" })
    await productSection.getByText("15%").waitFor()
    await preview.getByText("Applies: Product rule, 15%").waitFor()
    await preview.getByText("Earns €4.50 on one unit at €30.00").waitFor()

    // The 400 above was the journey's own: the only problem allowed.
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
