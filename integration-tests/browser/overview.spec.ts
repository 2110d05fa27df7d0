import { adminPage, shot, startAdmin, type Admin } from "./harness"

jest.setTimeout(240_000)

const BROWSER_UA =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"

/*
 * The program overview counts what happened: two shoppers follow a buy
 * link, a crawler follows it too (dropped as a bot), and the page shows two
 * clicks and the dropped one.
 */
describe("admin: program overview", () => {
  let admin: Admin

  beforeAll(async () => {
    admin = await startAdmin()
  })

  afterAll(async () => {
    await admin?.stop()
  })

  it("shows the period's clicks and the dropped ones", async () => {
    const { product } = await admin.api<{ product: { id: string } }>(
      "POST",
      "/admin/products",
      {
        title: "Sun serum",
        status: "published",
        options: [{ title: "Size", values: ["30 ml"] }],
        variants: [
          {
            title: "30 ml",
            options: { Size: "30 ml" },
            prices: [{ currency_code: "eur", amount: 25 }],
          },
        ],
      }
    )
    const { note } = await admin.api<{
      note: { products: { code: string }[] }
    }>("POST", "/admin/notes", {
      title: "Summer skin",
      body: "The serum I use every morning.",
      status: "published",
      products: [{ product_id: product.id }],
    })
    const follow = (ua: string, visitor: string) =>
      fetch(`${admin.base}/r/${note.products[0].code}`, {
        redirect: "manual",
        headers: { "user-agent": ua, cookie: `notes_vid=${visitor}` },
      })
    for (const [ua, visitor] of [
      [BROWSER_UA, "visitor_browser_0001"],
      [BROWSER_UA, "visitor_browser_0002"],
      ["Googlebot/2.1 (+http://www.google.com/bot.html)", "visitor_bot_00001"],
    ]) {
      expect((await follow(ua, visitor)).status).toBe(302)
    }

    const { page, context, problems } = await adminPage(admin)
    // The clicks are written by the click sink a moment after the
    // redirects: reload until the overview counts them.
    const clicks = page.getByLabel("Clicks", { exact: true })
    for (let i = 0; i < 40; i++) {
      await page.goto(`${admin.base}/app/notes/overview`)
      await page.getByRole("heading", { name: "Program overview" }).waitFor()
      await clicks.waitFor()
      if ((await clicks.textContent()) === "2") {
        break
      }
      await page
        .waitForEvent("requestfinished", { timeout: 500 })
        .catch(() => {})
    }
    expect(await clicks.textContent()).toBe("2")
    await page.getByText("Dropped (bot): 1 click").waitFor()
    await shot(page, "overview")
    expect(problems).toEqual([])
    await context.close()
  })
})
