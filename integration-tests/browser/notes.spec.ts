import {
  adminPage,
  createProduct,
  imageServer,
  shot,
  startAdmin,
  uniq,
  type Admin,
} from "./harness"

jest.setTimeout(180_000)

type Note = {
  id: string
  status: string
  hidden_reason: string | null
  products: {
    product_id: string
    image_index: number | null
    x: number | null
    y: number | null
  }[]
}

/*
 * The Notes pages as a merchant uses them: find a note by searching in
 * Chinese, hide it with a reason and restore it; then open it, tag a
 * store product and place its pin by clicking on the note's image. Each
 * step is checked through the API as well as on the page.
 */
describe("admin: notes", () => {
  let admin: Admin
  let images: Awaited<ReturnType<typeof imageServer>>
  // The journeys share one store: this spec's notes go at its end, so a
  // later journey never lists a note whose image server is gone.
  const created: string[] = []

  beforeAll(async () => {
    admin = await startAdmin()
    images = await imageServer()
  })

  afterAll(async () => {
    for (const id of created) {
      await admin?.api("DELETE", `/admin/notes/${id}`)
    }
    await images?.close()
    await admin?.stop()
  })

  it("finds a note, hides it with a reason, restores it, tags a product and pins it", async () => {
    const mark = uniq()
    const product = await createProduct(admin, `Rich cream ${mark}`, 42)
    const { note } = await admin.api<{ note: Note }>("POST", "/admin/notes", {
      title: `秋冬面霜 night routine ${mark}`,
      body: "这款面霜很好用: a **rich** cream.",
      tags: ["skincare"],
      status: "published",
      locale: "zh-CN",
      images: [{ url: images.url("cream"), alt: "The cream on a shelf" }],
    })
    created.push(note.id)
    const { note: shirts } = await admin.api<{ note: Note }>(
      "POST",
      "/admin/notes",
      {
        title: `Linen shirts for summer ${mark}`,
        body: "Light and airy.",
        tags: ["fashion"],
        status: "published",
        locale: "en",
      }
    )
    created.push(shirts.id)
    const get = async () =>
      (await admin.api<{ note: Note }>("GET", `/admin/notes/${note.id}`)).note

    const { page, context, problems } = await adminPage(admin)
    await page.goto(`${admin.base}/app/notes`)
    await page.getByRole("heading", { name: "Notes" }).waitFor()
    const row = page.getByRole("row", { name: new RegExp(`秋冬面霜.*${mark}`) })
    await row.waitFor()
    await shot(page, "notes-list")

    // Sort by title on the server: ascending puts the Latin title first,
    // descending the Chinese one (searched by the mark: only these two).
    await page.getByPlaceholder("Search notes").fill(mark)
    // (Unsorted, the newest, Linen, comes first: descending is the test.)
    const firstRow = page.locator("tbody tr").first()
    const sortTitle = page
      .getByRole("columnheader", { name: "Title" })
      .getByRole("button")
    await sortTitle.click()
    await firstRow.filter({ hasText: "Linen shirts" }).waitFor()
    await sortTitle.click()
    await firstRow.filter({ hasText: "秋冬面霜" }).waitFor()
    expect(await page.locator("tbody tr").count()).toBe(2)

    // Search in Chinese (debounced, on the server): only the match stays.
    await page.getByPlaceholder("Search notes").fill(`面霜`)
    await page
      .getByRole("row", { name: new RegExp(`Linen shirts.*${mark}`) })
      .waitFor({ state: "detached" })
    await row.waitFor()

    // Hide, with the reason asked in a drawer.
    await row.getByRole("button").last().click()
    await page.getByRole("menuitem", { name: "Hide" }).click()
    const drawer = page.getByRole("dialog")
    await drawer.getByLabel("Reason").fill("Misleading claim")
    await drawer.getByRole("button", { name: "Hide" }).click()
    await drawer.waitFor({ state: "detached" })
    await row.getByText("Hidden: Misleading claim").waitFor()
    const hidden = await get()
    expect(hidden.status).toBe("hidden")
    expect(hidden.hidden_reason).toBe("Misleading claim")
    await shot(page, "notes-hidden")

    // Restore, after the prompt.
    await row.getByRole("button").last().click()
    await page.getByRole("menuitem", { name: "Restore" }).click()
    await page
      .getByRole("alertdialog")
      .getByRole("button", { name: "Restore" })
      .click()
    await row.getByText("Published", { exact: true }).waitFor()
    expect((await get()).status).toBe("published")

    // The note's page: tag a product from the store, then pin it on the
    // image a quarter from the left, halfway down.
    await row.getByText(new RegExp(`秋冬面霜`)).click()
    await page.waitForURL(new RegExp(`/app/notes/${note.id}$`))
    await page.getByRole("heading", { name: new RegExp(`秋冬面霜`) }).waitFor()
    await page.locator("#tag-product").fill(`Rich cream ${mark}`)
    await page
      .getByRole("option", { name: new RegExp(`Rich cream ${mark}`) })
      .click()
    await page.getByRole("button", { name: "Tag product" }).click()
    const tagged = page.getByTestId("tagged-products")
    const productRow = tagged.getByRole("row", {
      name: new RegExp(`Rich cream ${mark}`),
    })
    await productRow.getByText("No pin").waitFor()
    await productRow.getByRole("button", { name: "Place pin" }).click()
    const image = page.getByTestId("note-image-0")
    await page.getByRole("img", { name: "The cream on a shelf" }).waitFor()
    const box = (await image.boundingBox())!
    await image.click({
      position: { x: box.width * 0.25, y: box.height * 0.5 },
    })
    await productRow.getByText("Image 1, 25% × 50%").waitFor()
    await page.getByRole("img", { name: `Pin: Rich cream ${mark}` }).waitFor()
    const pinned = (await get()).products.find(
      (p) => p.product_id === product.id
    )!
    expect(pinned.image_index).toBe(0)
    expect(Math.abs(pinned.x! - 0.25)).toBeLessThan(0.01)
    expect(Math.abs(pinned.y! - 0.5)).toBeLessThan(0.01)
    await page.getByTestId("note-report").getByLabel("Note clicks").waitFor()
    await shot(page, "note-detail")

    expect(problems).toEqual([])
    await context.close()
  })
})
