import { adminPage, createBuyer, shot, startAdmin, type Admin } from "./harness"

jest.setTimeout(300_000)

/*
 * The buyer page's Promo codes section in the built admin: a code given
 * through the "Give a code" FocusModal (a bad code refused in the page's
 * words first), shown in the table, then disabled after the Prompt;
 * checked through the API (the code and its Medusa promotion's status).
 */
describe("admin: buyer promo codes", () => {
  let admin: Admin

  beforeAll(async () => {
    admin = await startAdmin()
  })

  afterAll(async () => {
    await admin?.stop()
  })

  it("gives a buyer a code and disables it", async () => {
    const buyer = await createBuyer(admin, "Lin")
    const code = `LIN${buyer.handle.slice(-6).toUpperCase()}`
    const { page, context, problems } = await adminPage(admin)

    await page.goto(`${admin.base}/app/notes/buyers/${buyer.id}`)
    await page.getByRole("heading", { name: "Promo codes" }).waitFor()
    await page.getByText("No promo codes").waitFor()

    await page.getByRole("button", { name: "Give a code" }).click()
    const modal = page.getByRole("dialog")
    await modal.getByRole("heading", { name: "Give a promo code" }).waitFor()
    await modal.getByLabel("Code").fill("x")
    await modal.getByLabel("Discount", { exact: true }).fill("10")
    await modal.getByRole("button", { name: "Give code" }).click()
    await modal
      .getByText("3 to 32 letters, digits, - or _, such as LIN10.")
      .waitFor()
    await modal.getByLabel("Code").fill(code.toLowerCase())
    await modal.getByLabel("Usage limit").fill("50")
    await shot(page, "buyer-promo-codes-modal")
    await modal.getByRole("button", { name: "Give code" }).click()
    await page.getByText(`Code ${code} given`).waitFor()
    await modal.waitFor({ state: "detached" })

    const row = page.getByRole("row", { name: new RegExp(code) })
    await row.getByText("10 %").waitFor()
    await row.getByText("0 of 50").waitFor()
    await row.getByText("Active").waitFor()
    await shot(page, "buyer-promo-codes-1280")

    await row.getByRole("button", { name: "Disable" }).click()
    const prompt = page.getByRole("alertdialog")
    await prompt.getByText(`Disable ${code}?`).waitFor()
    await prompt.getByRole("button", { name: "Disable" }).click()
    await page.getByText(`Code ${code} disabled`).waitFor()
    await row.getByText("Disabled").waitFor()
    await row.getByRole("button", { name: "Enable" }).waitFor()

    const { promo_codes } = await admin.api<{
      promo_codes: { code: string; status: string; usage_limit: number }[]
    }>("GET", `/admin/buyers/${buyer.id}/promo-codes`)
    expect(promo_codes).toEqual([
      expect.objectContaining({ code, status: "disabled", usage_limit: 50 }),
    ])
    const { promotions } = await admin.api<{
      promotions: { code: string; status: string }[]
    }>("GET", `/admin/promotions?code=${code}`)
    expect(promotions.map((p) => [p.code, p.status])).toEqual([
      [code, "inactive"],
    ])

    await page.setViewportSize({ width: 360, height: 780 })
    await page
      .getByRole("heading", { name: "Promo codes" })
      .scrollIntoViewIfNeeded()
    await shot(page, "buyer-promo-codes-360")
    expect(problems).toEqual([])
    await context.close()
  })
})
