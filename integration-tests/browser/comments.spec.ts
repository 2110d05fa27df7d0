import {
  adminPage,
  registerCustomer,
  shot,
  startAdmin,
  storeApi,
  uniq,
  type Admin,
} from "./harness"

jest.setTimeout(180_000)

type Comment = { id: string; status: string; hidden_reason: string | null }

/*
 * The Comments page as a moderator uses it: find a comment by a word of
 * its body, hide it with a reason, restore it after the prompt; the note's
 * page shows its comment count and links to the note's comments; the page
 * speaks Simplified Chinese. Each step is checked through the API too.
 */
describe("admin: comments", () => {
  let admin: Admin

  beforeAll(async () => {
    admin = await startAdmin()
  })

  afterAll(async () => {
    await admin?.stop()
  })

  it("finds a comment, hides it with a reason, restores it, and the note page counts it", async () => {
    const mark = uniq()
    const { note } = await admin.api<{ note: { id: string } }>(
      "POST",
      "/admin/notes",
      {
        title: `Night cream ${mark}`,
        body: "A rich cream.",
        status: "published",
      }
    )
    const token = await registerCustomer(admin, `ada${mark}@browser.test`, {
      first_name: "Ada",
    })
    const post = (body: string) =>
      storeApi<{ comment: { id: string } }>(
        admin,
        "POST",
        `/store/notes/${note.id}/comments`,
        { body },
        { authorization: `Bearer ${token}` }
      )
    await post(`Does it suit dry skin? <b>asking</b> ${mark}`)
    const spam = (await post(`Cheap pills here ${mark}`)).comment
    const get = async () =>
      (
        await admin.api<{ comments: Comment[] }>(
          "GET",
          `/admin/note-comments?note_id=${note.id}`
        )
      ).comments.find((c) => c.id === spam.id)!
    const count = async () =>
      (
        await admin.api<{ note: { comments_count: number } }>(
          "GET",
          `/admin/notes/${note.id}`
        )
      ).note.comments_count

    const { page, context, problems } = await adminPage(admin)
    await page.goto(`${admin.base}/app/notes/comments`)
    await page.getByRole("heading", { name: "Comments" }).waitFor()
    await page.getByPlaceholder("Search comments").fill(`pills here ${mark}`)
    const row = page.getByRole("row", { name: new RegExp(`Cheap pills`) })
    await row.waitFor()
    await page
      .getByRole("row", { name: /dry skin/ })
      .waitFor({ state: "detached" })
    await page.getByPlaceholder("Search comments").fill(mark)
    // The HTML a reader typed is shown as the text it is.
    await page.getByText(`<b>asking</b> ${mark}`).waitFor()
    await row.getByText("Ada", { exact: true }).waitFor()
    await shot(page, "comments-list")

    await row.getByRole("button").last().click()
    await page.getByRole("menuitem", { name: "Hide" }).click()
    const drawer = page.getByRole("dialog")
    await drawer.getByLabel("Reason").fill("Spam")
    await shot(page, "comments-hide-drawer")
    await drawer.getByRole("button", { name: "Hide" }).click()
    await drawer.waitFor({ state: "detached" })
    await row.getByText("Hidden: Spam").waitFor()
    expect(await get()).toMatchObject({
      status: "hidden",
      hidden_reason: "Spam",
    })
    expect(await count()).toBe(1)
    await shot(page, "comments-hidden")

    await row.getByRole("button").last().click()
    await page.getByRole("menuitem", { name: "Restore" }).click()
    await page
      .getByRole("alertdialog")
      .getByRole("button", { name: "Restore" })
      .click()
    await row.getByText("Visible", { exact: true }).waitFor()
    expect(await get()).toMatchObject({
      status: "visible",
      hidden_reason: null,
    })
    expect(await count()).toBe(2)

    // The note's page: its count, and a link to its comments only.
    await page.goto(`${admin.base}/app/notes/${note.id}`)
    await page.getByText("Comments: 2").waitFor()
    await page.getByRole("link", { name: "Moderate comments" }).click()
    await page.waitForURL(/\/app\/notes\/comments\?note_id=/)
    await page.getByRole("row", { name: /Cheap pills/ }).waitFor()
    expect(await page.getByRole("row").count()).toBe(3)
    await shot(page, "comments-of-note")
    expect(problems).toEqual([])
    await context.close()

    const zh = await adminPage(admin, { language: "zhCN" })
    await zh.page.goto(`${admin.base}/app/notes/comments`)
    await zh.page.getByRole("heading", { name: "评论" }).waitFor()
    await zh.page.getByPlaceholder("搜索评论").fill(mark)
    await zh.page.getByRole("row", { name: /Cheap pills/ }).waitFor()
    await shot(zh.page, "comments-zh")
    expect(zh.problems).toEqual([])
    await zh.context.close()
  })
})
