import { adminPage, createBuyer, shot, startAdmin, type Admin } from "./harness"

jest.setTimeout(240_000)

/*
 * The Buyers pages of the built admin: a pending buyer found in the list by
 * the status filter's data, opened, and approved; then given a tier and
 * suspended with a reason through their drawers (each refusing a bad value
 * in the page's words first); checked on the page and through the API.
 */
describe("admin: buyers", () => {
  let admin: Admin

  beforeAll(async () => {
    admin = await startAdmin()
  })

  afterAll(async () => {
    await admin?.stop()
  })

  it("approves a pending buyer from their page, sets their tier and suspends them", async () => {
    const buyer = await createBuyer(admin, "Mei", { approve: false })
    const { page, context, problems } = await adminPage(admin)

    await page.goto(`${admin.base}/app/notes/buyers`)
    await page.getByRole("heading", { name: "Buyers" }).waitFor()
    await page.getByPlaceholder("Search handle or name").fill(buyer.handle)
    const row = page.getByRole("row", { name: new RegExp(buyer.handle) })
    await row.waitFor()
    await row.getByText("Pending").waitFor()
    await shot(page, "buyers-list")

    await row.click()
    await page.getByRole("heading", { name: "Mei", exact: true }).waitFor()
    await page.getByRole("button", { name: "Approve" }).click()
    await page.getByText(`@${buyer.handle} is approved`).waitFor()
    await page.getByRole("button", { name: "Approve" }).waitFor({
      state: "detached",
    })
    await shot(page, "buyer-detail")

    const after = await admin.api<{ buyer: { status: string } }>(
      "GET",
      `/admin/buyers/${buyer.id}`
    )
    expect(after.buyer.status).toBe("approved")

    // Set the tier in its drawer: the rule's words first, then saved.
    await page.getByRole("button", { name: "Set tier" }).click()
    const tierDrawer = page.getByRole("dialog")
    await tierDrawer.getByLabel("Tier").fill("gold tier!")
    await tierDrawer.getByRole("button", { name: "Save" }).click()
    await tierDrawer
      .getByText("Use letters, digits, dots, dashes or underscores (up to 50).")
      .waitFor()
    await tierDrawer.getByLabel("Tier").fill("gold")
    await tierDrawer.getByRole("button", { name: "Save" }).click()
    await page.getByText("Tier set to gold").waitFor()
    await tierDrawer.waitFor({ state: "detached" })

    // Suspend with a reason: none is refused on the page, one is kept.
    await page.getByRole("button", { name: "Suspend" }).click()
    const suspendDrawer = page.getByRole("dialog")
    await suspendDrawer.getByText(`Suspend @${buyer.handle}`).waitFor()
    await suspendDrawer.getByRole("button", { name: "Suspend" }).click()
    await suspendDrawer.getByText("Say why (up to 500 characters).").waitFor()
    await suspendDrawer.getByLabel("Reason").fill("Fake reviews")
    await suspendDrawer.getByRole("button", { name: "Suspend" }).click()
    await page.getByText(`@${buyer.handle} is suspended`).waitFor()
    await page.getByRole("button", { name: "Reinstate" }).waitFor()
    await shot(page, "buyer-suspended")

    const suspended = await admin.api<{
      buyer: { status: string; tier: string; suspended_reason: string }
    }>("GET", `/admin/buyers/${buyer.id}`)
    expect(suspended.buyer).toMatchObject({
      status: "suspended",
      tier: "gold",
      suspended_reason: "Fake reviews",
    })
    expect(problems).toEqual([])
    await context.close()
  })
})
