import { adminPage, shot, startAdmin, type Admin } from "./harness"

jest.setTimeout(240_000)

/*
 * The Notes page of the built admin, as a merchant uses it: log in, find a
 * note by searching (Chinese included), hide it with a reason, restore it.
 * Each step is checked against the API as well as on the page.
 */
describe("admin: notes", () => {
  let admin: Admin

  beforeAll(async () => {
    admin = await startAdmin()
  })

  afterAll(async () => {
    await admin?.stop()
  })

  it("logs in, finds a note, hides it with a reason and restores it", async () => {
    const { note } = await admin.api<{ note: { id: string } }>(
      "POST",
      "/admin/notes",
      {
        title: "秋冬面霜 night routine",
        body: "这款面霜很好用: a **rich** cream.",
        tags: ["skincare"],
        status: "published",
        locale: "zh-CN",
      }
    )
    await admin.api("POST", "/admin/notes", {
      title: "Linen shirts for summer",
      body: "Light and airy.",
      tags: ["fashion"],
      status: "published",
      locale: "en",
    })

    const { page, context, problems } = await adminPage(admin)
    await page.goto(`${admin.base}/app/notes`)
    await page.getByRole("heading", { name: "Notes" }).waitFor()
    const row = page.getByRole("row", { name: /秋冬面霜/ })
    await row.waitFor()
    await shot(page, "notes-list")

    // Search in Chinese: only the matching note stays.
    await page.getByPlaceholder(/Search/).fill("面霜")
    await page.getByRole("row", { name: /Linen shirts/ }).waitFor({
      state: "detached",
    })
    await row.waitFor()

    // Hide, with the reason asked by the page.
    page.once("dialog", (d) => d.accept("Misleading claim"))
    await row.getByRole("button", { name: "Hide" }).click()
    await row.getByText("Hidden: Misleading claim").waitFor()
    await row.getByText("hidden", { exact: true }).waitFor()
    const hidden = await admin.api<{ note: { status: string } }>(
      "GET",
      `/admin/notes/${note.id}`
    )
    expect(hidden.note.status).toBe("hidden")
    await shot(page, "notes-hidden")

    // Restore.
    await row.getByRole("button", { name: "Restore" }).click()
    await row.getByRole("button", { name: "Hide" }).waitFor()
    const restored = await admin.api<{ note: { status: string } }>(
      "GET",
      `/admin/notes/${note.id}`
    )
    expect(restored.note.status).not.toBe("hidden")

    expect(problems).toEqual([])
    await context.close()
  })
})
