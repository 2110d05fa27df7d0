import {
  adminPage,
  createBuyer,
  createProduct,
  shot,
  startAdmin,
  uniq,
  type Admin,
} from "./harness"

jest.setTimeout(180_000)

const BROWSER_UA =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"

type Group = { key: string | null; clicks: number; dropped: { bot: number } }

/*
 * The program overview renders what happened: two shoppers follow a
 * buyer's buy link and a crawler follows it too (dropped as a bot). The
 * page shows the note among the top notes with its two clicks, the buyer
 * among the top buyers, bots among the dropped clicks, and the charts.
 * (The database is shared with other journeys: only this journey's rows
 * are asserted exactly.)
 */
describe("admin: program overview", () => {
  let admin: Admin

  beforeAll(async () => {
    admin = await startAdmin()
  })

  afterAll(async () => {
    await admin?.stop()
  })

  it("renders the period's KPIs, charts, leaders and dropped clicks", async () => {
    const product = await createProduct(admin, `Sun serum ${uniq()}`, 25)
    // A name no other journey uses: the browser journeys share one store,
    // and the leaderboard lists every buyer with activity in the period
    // (another journey's "Mei" has views).
    const buyer = await createBuyer(admin, "Mei Lin")
    const title = `Summer skin ${uniq()}`
    const { note } = await admin.api<{
      note: { id: string; products: { code: string }[] }
    }>("POST", "/admin/notes", {
      title,
      body: "The serum I use every morning.",
      status: "published",
      buyer_id: buyer.id,
      products: [{ product_id: product.id }],
    })
    const follow = (ua: string, visitor: string) =>
      fetch(`${admin.base}/r/${note.products[0].code}`, {
        redirect: "manual",
        headers: { "user-agent": ua, cookie: `notes_vid=${visitor}` },
      })
    for (const [ua, visitor] of [
      [BROWSER_UA, `visitor_browser_${uniq()}`],
      [BROWSER_UA, `visitor_browser_${uniq()}`],
      [
        "Googlebot/2.1 (+http://www.google.com/bot.html)",
        `visitor_bot_${uniq()}`,
      ],
    ]) {
      expect((await follow(ua, visitor)).status).toBe(302)
    }

    // The click sink writes a moment after the redirects: wait until the
    // report counts this note's clicks.
    const deadline = Date.now() + 30_000
    for (;;) {
      const r = await admin.api<{ groups: Group[] }>(
        "GET",
        "/admin/program-report?group_by=note&order_by=clicks&limit=100"
      )
      const g = r.groups.find((x) => x.key === note.id)
      if (g && g.clicks === 2 && g.dropped.bot === 1) {
        break
      }
      if (Date.now() > deadline) {
        throw new Error(
          `the report never counted the clicks: ${JSON.stringify(g)}`
        )
      }
      await new Promise((r) => setTimeout(r, 250))
    }

    const { page, context, problems } = await adminPage(admin)
    await page.goto(`${admin.base}/app/notes/overview`)
    await page.getByRole("heading", { name: "Program overview" }).waitFor()
    await page.getByLabel("Clicks", { exact: true }).waitFor()
    const noteRow = page
      .getByTestId("top-notes")
      .getByRole("row", { name: new RegExp(title) })
    await noteRow.waitFor()
    expect(await noteRow.getByRole("cell").nth(1).textContent()).toBe("2")
    await page
      .getByTestId("top-buyers")
      .getByRole("row", { name: /Mei Lin/ })
      .waitFor()
    await page
      .getByTestId("dropped")
      .getByText("Bot", { exact: true })
      .waitFor()
    await page
      .getByTestId("chart-counts")
      .locator(".recharts-bar-rectangle")
      .first()
      .waitFor()
    const clicks = Number(
      await page.getByLabel("Clicks", { exact: true }).textContent()
    )
    expect(clicks).toBeGreaterThanOrEqual(2)

    await shot(page, "overview-30d")

    // Another period: the picker keeps it in the URL.
    await page.getByRole("combobox", { name: "Period" }).click()
    await page.getByRole("option", { name: "Last 7 days" }).click()
    await page.waitForURL(/period=7d/)
    await noteRow.waitFor()
    await shot(page, "overview")
    expect(problems).toEqual([])
    await context.close()

    // In Simplified Chinese (the dashboard's language setting, zhCN).
    const zh = await adminPage(admin, { language: "zhCN" })
    await zh.page.goto(`${admin.base}/app/notes/overview`)
    await zh.page.getByRole("heading", { name: "计划概览" }).waitFor()
    await zh.page
      .getByTestId("top-notes")
      .getByRole("row", { name: new RegExp(title) })
      .waitFor()
    await zh.page.getByRole("link", { name: "佣金规则" }).waitFor()
    await shot(zh.page, "overview-zh")
    // The program's other pages, in Chinese too (a screenshot of each).
    for (const [path, heading, name] of [
      ["buyers", "买手", "buyers-zh"],
      ["commissions", "佣金明细", "commissions-zh"],
      ["settlements", "结算", "settlements-zh"],
      ["commission-rules", "佣金规则", "rules-zh"],
    ] as const) {
      await zh.page.goto(`${admin.base}/app/notes/${path}`)
      await zh.page
        .getByRole("heading", { name: heading, exact: true })
        .waitFor()
      await shot(zh.page, name)
    }
    expect(zh.problems).toEqual([])
    await zh.context.close()
  })
})
