import type { Locator, Page } from "playwright-core"
import { createBuyer, shot, startAdmin, uniq, type Admin } from "./harness"
import {
  createShop,
  shopperPage,
  startStorefront,
  storefrontUrl,
  type Storefront,
  logIn,
} from "./storefront-harness"

jest.setTimeout(900_000)

/** Where a pin's dot is on its image, as fractions of the image's box. */
async function pinPoint(
  image: Locator,
  dot: Locator
): Promise<{ x: number; y: number }> {
  const i = await image.boundingBox()
  const d = await dot.boundingBox()
  if (!i || !d) {
    throw new Error("the image or the pin is not on the page")
  }
  return {
    x: (d.x + d.width / 2 - i.x) / i.width,
    y: (d.y + d.height / 2 - i.y) / i.height,
  }
}

/**
 * A point of an element, given as fractions of its box, in the viewport's
 * pixels (the element scrolled into view first).
 */
async function at(el: Locator, x: number, y: number) {
  await el.scrollIntoViewIfNeeded()
  const box = await el.boundingBox()
  if (!box) {
    throw new Error("not on the page")
  }
  return { x: box.x + x * box.width, y: box.y + y * box.height }
}

/** True when the page is no wider than its viewport (nothing to scroll sideways). */
const fitsWidth = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)

/*
 * The buyer's note editor in the reference storefront: an approved buyer
 * logs in, writes a note with a Chinese title, tags a product found by the
 * search combobox, places its pin by clicking the image, publishes, and the
 * public note page shows the pin at that point; then moves the pin (drag
 * and arrow key) and retitles the note, and the public page follows. An
 * empty title is refused with the API's message beside the field.
 */
describe("storefront: the buyer's note editor", () => {
  let admin: Admin
  let storefront: Storefront
  const mark = uniq()
  const productTitle = `Silk pillowcase ${mark}`

  beforeAll(async () => {
    await storefrontUrl()
    admin = await startAdmin()
    const shop = await createShop(admin, productTitle, {
      countries: [],
      sizes: [["Standard", 45]],
    })
    storefront = await startStorefront(admin, {
      publishableKey: shop.key,
      regionId: shop.regionId,
    })
  })
  afterAll(async () => {
    await storefront?.stop()
    await admin?.stop()
  })

  /** A desktop page logged in as `handle`, on the new note's editor. */
  async function editorAs(handle: string) {
    const opened = await shopperPage(admin, {
      viewport: { width: 1280, height: 900 },
    })
    const { page } = opened
    // Logging in comes back to the editor.
    await page.goto(`${storefront.url}/account/notes/new`)
    await page.waitForURL(/\/account\/login\?next=/)
    await logIn(page, `${handle}@browser.test`)
    await page.waitForURL(/\/account\/notes\/new$/)
    await page.getByRole("heading", { name: "New note" }).waitFor()
    return opened
  }

  it("writes a note with a product pinned by a click, publishes it, moves the pin and sees it on the note page", async () => {
    const buyer = await createBuyer(admin, "Mei")
    const { page, context, problems } = await editorAs(buyer.handle)

    // Publishing without a title: the API's message, beside the field.
    await page.getByLabel("Published").check()
    await page.getByRole("button", { name: "Save note" }).click()
    await page
      .locator("#title-error")
      .getByText("title: must not be empty")
      .waitFor()
    expect(await page.getByLabel("Title").getAttribute("aria-invalid")).toBe(
      "true"
    )
    await page
      .getByRole("link", { name: "title: must not be empty" })
      .and(page.locator('a[href="#title"]'))
      .waitFor()
    await shot(page, "editor-error")

    const title = `丝绸枕套 好睡眠 ${mark}`
    await page.getByLabel("Title").fill(title)
    await page
      .getByLabel("Body")
      .fill("换了**丝绸枕套**以后头发不再打结。\n\n- 透气\n- 好洗")
    await page.getByLabel("Tags", { exact: true }).fill("睡眠")
    await page.getByLabel("Tags", { exact: true }).press("Enter")
    await page.getByRole("button", { name: "Remove tag 睡眠" }).waitFor()
    await page.getByLabel("Language").selectOption("zh-CN")
    await page.getByLabel("Image URL").fill(`${storefront.url}/icon.svg`)
    await page.getByLabel("Alt text", { exact: true }).fill("枕套的照片")
    await page.getByRole("button", { name: "Add image" }).click()
    await page.getByLabel("Alt text, image 1").waitFor()

    // The search is a combobox: type, arrow to the product, Enter.
    const search = page.getByRole("combobox", {
      name: "Search products to tag",
    })
    await search.fill(`pillowcase ${mark}`)
    await page.getByRole("option", { name: productTitle }).waitFor()
    await search.press("ArrowDown")
    await search.press("ArrowUp")
    expect(
      await page
        .getByRole("option", { name: productTitle })
        .getAttribute("aria-selected")
    ).toBe("true")
    await shot(page, "editor-search")
    await search.press("Enter")
    const tagged = page.getByRole("list", { name: "Tagged products" })
    await tagged
      .getByRole("button", { name: `Untag ${productTitle}` })
      .waitFor()
    await tagged.getByText("No pin yet").waitFor()

    // A click on the image places the selected product's pin there.
    const board = page.locator('[data-image-index="0"]')
    const click = await at(board, 0.25, 0.6)
    await page.mouse.click(click.x, click.y)
    // Not "Remove pin of …": the pin's own name starts with "Pin of".
    const pin = page.getByRole("button", {
      name: new RegExp(`^Pin of ${productTitle}`),
    })
    await tagged.getByText("Pin on image 1 at 25% across, 60% down").waitFor()
    const placed = await pinPoint(board, pin.locator("span").first())
    expect(placed.x).toBeCloseTo(0.25, 1)
    expect(placed.y).toBeCloseTo(0.6, 1)
    await shot(page, "editor-pinned")

    await page.getByRole("button", { name: "Save note" }).click()
    // Saving is a server action, then a render of the new note's page: on
    // a loaded machine this takes a while.
    await page
      .waitForURL(/\/account\/notes\/[^/?]+\?created=1$/, { timeout: 90_000 })
      .catch(async (e: unknown) => {
        await shot(page, "editor-save-failed")
        throw e
      })
    await page.getByRole("status").getByText("Note created.").waitFor()
    const id = new URL(page.url()).pathname.split("/").pop()!
    // The saved note comes back into the editor as it was written.
    expect(await page.getByLabel("Title").inputValue()).toBe(title)
    await tagged.getByText("Pin on image 1 at 25% across, 60% down").waitFor()

    // The public page: the pin at the clicked point.
    await page.goto(`${storefront.url}/notes/${id}`)
    await page.getByRole("heading", { name: title }).waitFor()
    const figure = page.locator("figure").first()
    const publicPin = figure.locator('a[href^="#product-"]')
    await publicPin.getByText(productTitle).waitFor()
    const shown = await pinPoint(figure, publicPin.locator("span").first())
    expect(Math.abs(shown.x - 0.25)).toBeLessThan(0.02)
    expect(Math.abs(shown.y - 0.6)).toBeLessThan(0.02)
    await shot(page, "editor-public-note")

    // Edit: drag the pin, nudge it with the keyboard, retitle.
    await page.goto(`${storefront.url}/account/notes/${id}`)
    await page.getByRole("heading", { name: title }).waitFor()
    const to = await at(board, 0.65, 0.3)
    const from = await at(pin.locator("span").first(), 0.5, 0.5)
    await page.mouse.move(from.x, from.y)
    await page.mouse.down()
    await page.mouse.move(to.x, to.y, { steps: 8 })
    await page.mouse.up()
    await tagged.getByText("Pin on image 1 at 65% across, 30% down").waitFor()
    await pin.focus()
    await page.keyboard.press("Shift+ArrowRight")
    await page.keyboard.press("ArrowDown")
    await tagged.getByText("Pin on image 1 at 70% across, 31% down").waitFor()
    const retitled = `丝绸枕套 一个月后 ${mark}`
    await page.getByLabel("Title").fill(retitled)
    await page.getByRole("button", { name: "Save note" }).click()
    await page.getByRole("status").getByText("Saved and published.").waitFor()
    await shot(page, "editor-edited")

    await page.goto(`${storefront.url}/notes/${id}`)
    await page.getByRole("heading", { name: retitled }).waitFor()
    const moved = await pinPoint(figure, publicPin.locator("span").first())
    expect(Math.abs(moved.x - 0.7)).toBeLessThan(0.02)
    expect(Math.abs(moved.y - 0.31)).toBeLessThan(0.02)

    // My notes: found by a Chinese word, published, with its links.
    await page.goto(`${storefront.url}/account/notes`)
    await page.getByLabel("Search my notes").fill("一个月")
    await page.getByRole("button", { name: "Filter" }).click()
    await page.waitForURL(/q=/)
    const list = page.getByRole("list", { name: "My notes" })
    await list.getByRole("heading", { name: retitled }).waitFor()
    expect(await list.getByRole("listitem").count()).toBe(1)
    await list.getByText("published", { exact: true }).waitFor()
    expect(
      await list
        .getByRole("link", { name: `Public page of ${retitled}` })
        .getAttribute("href")
    ).toBe(`/notes/${id}`)
    await shot(page, "editor-my-notes")

    // A phone 360 px wide: the list and the editor fit.
    await page.setViewportSize({ width: 360, height: 780 })
    expect(await fitsWidth(page)).toBe(true)
    await shot(page, "editor-my-notes-360")
    await list.getByRole("link", { name: `Edit ${retitled}` }).click()
    await page.waitForURL(new RegExp(`/account/notes/${id}$`))
    await page.getByRole("heading", { name: retitled }).waitFor()
    expect(await fitsWidth(page)).toBe(true)
    await shot(page, "editor-360")

    expect(problems).toEqual([])
    await context.close()
  })

  it("tells a buyer not yet approved that publishing waits, and saves the draft", async () => {
    const buyer = await createBuyer(admin, "Tao", { approve: false })
    const { page, context, problems } = await editorAs(buyer.handle)
    await page.getByText("publishing waits until the store approves").waitFor()
    const title = `草稿 ${uniq()}`
    await page.getByLabel("Title").fill(title)
    await page.getByLabel("Published").check()
    await page.getByRole("button", { name: "Save note" }).click()
    await page
      .locator("#status-error")
      .getByText("status: only an approved buyer can publish")
      .waitFor({ timeout: 90_000 })
    await shot(page, "editor-not-approved")
    await page.getByLabel("Draft").check()
    await page.getByRole("button", { name: "Save note" }).click()
    await page.waitForURL(/\/account\/notes\/[^/?]+\?created=1$/, {
      timeout: 90_000,
    })
    await page.getByRole("heading", { name: title }).waitFor()
    await page.getByText("draft", { exact: true }).waitFor()
    expect(problems).toEqual([])
    await context.close()
  })
})
