import fs from "node:fs"
import {
  adminPage,
  createBuyer,
  shot,
  startAdmin,
  uniq,
  type Admin,
} from "./harness"

jest.setTimeout(240_000)

/*
 * The money path of the built admin with the manual payout provider: an
 * adjustment added through the Commissions form, settlements run from the
 * Settlements page, the new settlement marked paid with a reference, and
 * the CSV downloaded. Each step is checked through the API as well.
 */
describe("admin: commissions and settlements", () => {
  let admin: Admin

  beforeAll(async () => {
    admin = await startAdmin()
  })

  afterAll(async () => {
    await admin?.stop()
  })

  it("adds an adjustment, runs settlements, marks one paid and downloads the CSV", async () => {
    const buyer = await createBuyer(admin, "Payee")
    const reason = `Launch bonus ${uniq()}`
    const { page, context, problems } = await adminPage(admin)

    await page.goto(`${admin.base}/app/notes/commissions`)
    await page.getByRole("heading", { name: "Commissions" }).waitFor()
    await page.getByRole("button", { name: "Add adjustment" }).click()
    await page.getByPlaceholder("Search buyers…").fill(buyer.handle)
    await page.getByRole("option", { name: new RegExp(buyer.handle) }).click()
    await page.getByLabel("Currency").fill("eur")
    await page.getByLabel("Amount").fill("42.5")
    await page.getByLabel("Reason").fill(reason)
    await shot(page, "adjustment-form")
    await page
      .getByRole("dialog")
      .getByRole("button", { name: "Add adjustment" })
      .click()
    await page.getByText("Adjustment added").waitFor()
    await page.getByRole("row", { name: new RegExp(reason) }).waitFor()
    await shot(page, "commissions")

    await page.goto(`${admin.base}/app/notes/settlements`)
    await page
      .getByRole("heading", { name: "Settlements", exact: true })
      .waitFor()
    await page.getByRole("button", { name: "Run now" }).click()
    await page.getByRole("button", { name: "Run settlements" }).click()
    const summary = page.getByTestId("run-summary")
    await summary.waitFor()
    await shot(page, "settlement-run")
    const run = await admin.api<{
      settlements: { id: string; buyer_id: string; status: string }[]
    }>("GET", `/admin/settlements?buyer_id=${buyer.id}`)
    expect(run.settlements).toHaveLength(1)
    expect(run.settlements[0].status).toBe("processing")
    await page.getByRole("button", { name: "Close" }).click()

    await page.goto(
      `${admin.base}/app/notes/settlements/${run.settlements[0].id}`
    )
    await page.getByText("Pay and mark paid").first().waitFor()
    await page.getByRole("button", { name: "Mark paid" }).click()
    await page.getByLabel("Payment reference").fill("SEPA-0042")
    await page
      .getByRole("dialog")
      .getByRole("button", { name: "Mark paid" })
      .click()
    await page.getByText("Settlement marked paid").waitFor()
    await shot(page, "settlement-paid")
    const paid = await admin.api<{
      settlement: { status: string; provider_reference: string }
    }>("GET", `/admin/settlements/${run.settlements[0].id}`)
    expect(paid.settlement).toMatchObject({
      status: "paid",
      provider_reference: "SEPA-0042",
    })

    await page.goto(`${admin.base}/app/notes/settlements`)
    await page
      .getByRole("heading", { name: "Settlements", exact: true })
      .waitFor()
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download CSV" }).click(),
    ])
    expect(download.suggestedFilename()).toBe("settlements.csv")
    const csv = fs.readFileSync((await download.path())!, "utf8")
    expect(csv.split("\n")[0]).toContain("buyer_id")
    expect(csv).toContain(run.settlements[0].id)
    expect(csv).toContain("SEPA-0042")

    expect(problems).toEqual([])
    await context.close()
  })
})
