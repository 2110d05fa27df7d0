import { adminPage, createBuyer, shot, startAdmin, type Admin } from "./harness"

jest.setTimeout(240_000)

/*
 * The Buyers pages of the built admin: a pending buyer found in the list by
 * the status filter's data, opened, and approved; checked on the page and
 * through the API.
 */
describe("admin: buyers", () => {
  let admin: Admin

  beforeAll(async () => {
    admin = await startAdmin()
  })

  afterAll(async () => {
    await admin?.stop()
  })

  it("approves a pending buyer from their page", async () => {
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
    expect(problems).toEqual([])
    await context.close()
  })
})
