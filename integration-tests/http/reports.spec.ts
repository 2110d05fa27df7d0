import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ATTRIBUTION_MODULE } from "../../src/modules/attribution"
import type AttributionModuleService from "../../src/modules/attribution/service"
import { NOTES_MODULE } from "../../src/modules/notes"
import type NotesModuleService from "../../src/modules/notes/service"
import { buyLinkResolver } from "../../src/utils/buy-link-resolver"
import {
  BROWSER,
  StoreFixture,
  createCustomerSession,
  createLinAndMaya,
  createStoreFixture,
  placeOrder,
  publishBuyerNote,
  settle,
  sql,
} from "../helpers/fixtures"

jest.setTimeout(300 * 1000)

type Session = Awaited<ReturnType<typeof createCustomerSession>>
type Currency = Record<string, string | null> & { currency_code: string }
type Metrics = {
  views: number | null
  view_ctr: string | null
  clicks: number
  unique_visitors: number
  dropped: Record<string, number>
  orders: number | null
  units: number | null
  conversion: string | null
  currencies: Currency[]
}
type Report = {
  range: {
    from: string
    to: string
    tz: string
    interval: string
    preset: string | null
  }
  totals: Metrics
  series: ({ start: string; end: string } & Metrics)[]
  groups: ({ key: string | null; label: string | null } & Metrics)[]
  count: number
  limit: number
  offset: number
}

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let f: StoreFixture
    let lin: Session
    let maya: Session
    let shopper: Session
    let linId: string
    let mayaId: string
    let noteId: string
    let codes: string[]
    let mayaCode: string

    const attribution = () =>
      getContainer().resolve<AttributionModuleService>(ATTRIBUTION_MODULE)

    /** One click through a buy link with a visitor cookie and utm values; its click id. */
    const click = async (
      code: string,
      visitor: string,
      utm: Record<string, string> = {}
    ) => {
      const qs = new URLSearchParams(utm).toString()
      const res = await api.request({
        url: `/r/${code}${qs ? `?${qs}` : ""}`,
        maxRedirects: 0,
        validateStatus: () => true,
        headers: {
          "user-agent": BROWSER,
          cookie: `notes_vid=${visitor}`,
          referer: "https://social.example/post/1",
        },
      })
      await attribution().flushClicks()
      return new URL(res.headers.location).searchParams.get("ref")!
    }

    const waitForEntries = async (orderId: string, n: number) => {
      for (let i = 0; i < 100; i++) {
        const rows = await sql(
          getContainer(),
          "SELECT id FROM commission_entry WHERE order_id = ?",
          [orderId]
        )
        if (rows.length >= n) {
          return
        }
        await new Promise((r) => setTimeout(r, 100))
      }
      throw new Error(`no commission for ${orderId}`)
    }

    const report = async (
      url: string,
      headers: { headers: Record<string, string> }
    ): Promise<Report> => (await api.get(url, headers)).data

    beforeEach(async () => {
      buyLinkResolver.clear()
      attribution().resetClickMemory()
      f = await createStoreFixture(getContainer())
      ;({ lin, linId, maya, mayaId } = await createLinAndMaya(
        api,
        getContainer(),
        f,
        "rp.test"
      ))
      shopper = await createCustomerSession(
        getContainer(),
        f,
        "shopper@rp.test"
      )
      await api.post(
        "/admin/commission-rules",
        { scope: "default", type: "percentage", rate: "10" },
        f.adminHeaders
      )
      ;({ id: noteId, codes } = await publishBuyerNote(
        api,
        lin,
        "Cream and serum",
        [f.products[0].id, f.products[1].id]
      ))
      ;[mayaCode] = (
        await publishBuyerNote(api, maya, "Maya's oil", [f.products[2].id])
      ).codes
    })

    afterEach(async () => {
      await attribution().flushClicks()
    })

    /**
     * lin: 4 counted clicks (3 visitors, 2 with utm_source=ig), 1 duplicate,
     * and one order of 2 × Night Cream 30ml (2 × 25 EUR, 10 % → 5 EUR);
     * maya: 1 click, no order.
     */
    async function drive() {
      await click(codes[0], "visitor_one_0001", { utm_source: "ig" })
      await click(codes[0], "visitor_one_0001", { utm_source: "ig" }) // duplicate
      await click(codes[1], "visitor_one_0001", { utm_source: "ig" })
      await click(codes[1], "visitor_two_0002")
      const ref = await click(codes[0], "visitor_three_003")
      await click(mayaCode, "visitor_four_0004")
      const order = await placeOrder(api, f, {
        headers: shopper.headers,
        items: [{ variant_id: f.products[0].variants[1].id, quantity: 2 }],
        click_id: ref,
      })
      await waitForEntries(order.id, 1)
      return order
    }

    it("answers a buyer's own report: totals, every bucket, groups, labels, CSV, in any zone", async () => {
      await drive()

      const mine = await report(
        "/store/buyers/me/report?preset=24h&tz=Asia/Kathmandu&visitors=include",
        lin.headers
      )
      expect(mine.range).toMatchObject({
        tz: "Asia/Kathmandu",
        interval: "hour",
        preset: "24h",
      })
      expect(
        Date.parse(mine.range.to) - Date.parse(mine.range.from)
      ).toBeGreaterThanOrEqual(24 * 3600_000)
      expect(Date.parse(mine.range.from) % (15 * 60_000)).toBe(0)
      expect(mine.totals).toMatchObject({
        clicks: 4,
        unique_visitors: 3,
        dropped: { head: 0, bot: 0, duplicate: 1, burst: 0, not_earning: 0 },
        orders: 1,
        units: 2,
        conversion: "0.250000",
      })
      expect(mine.totals.currencies).toEqual([
        {
          currency_code: "eur",
          sales: "50",
          accrued: "5",
          reversed: "0",
          adjusted: "0",
          net: "5",
          pending: "5",
          on_hold: "0",
          approved: "0",
          paid: "0",
          returned_share: "0.000000",
          epc: "1.2500",
        },
      ])
      // Every local hour of the range (Kathmandu's start at :15 UTC), in
      // order and contiguous, the clicks adding up to the totals.
      expect(mine.series.length).toBeGreaterThanOrEqual(24)
      expect(mine.series.length).toBeLessThanOrEqual(26)
      for (const [i, b] of mine.series.entries()) {
        expect(new Date(b.start).getUTCMinutes()).toBe(15)
        expect(Date.parse(b.end) - Date.parse(b.start)).toBe(3600_000)
        if (i > 0) {
          expect(b.start).toBe(mine.series[i - 1].end)
        }
      }
      expect(Date.parse(mine.series[0].start)).toBeLessThanOrEqual(
        Date.parse(mine.range.from)
      )
      expect(Date.parse(mine.series.at(-1)!.end)).toBeGreaterThanOrEqual(
        Date.parse(mine.range.to)
      )
      const sum = (k: "clicks" | "orders") =>
        mine.series.reduce((s, b) => s + (b[k] ?? 0), 0)
      expect(sum("clicks")).toBe(4)
      expect(sum("orders")).toBe(1)
      const empty = mine.series.find((b) => b.clicks === 0)!
      expect(empty).toMatchObject({
        unique_visitors: 0,
        orders: 0,
        conversion: null,
        currencies: [],
      })
      expect(mine.groups).toEqual([])
      expect(mine.count).toBe(0)

      // The admin sees the same numbers; the default zone is UTC.
      const admin = await report(
        `/admin/buyers/${linId}/report?preset=24h&visitors=include`,
        f.adminHeaders
      )
      expect(admin.range.tz).toBe("UTC")
      expect(admin.totals).toEqual(mine.totals)

      // Without visitors=include the same numbers, distinct visitors null.
      const plain = await report(
        `/admin/buyers/${linId}/report?preset=24h`,
        f.adminHeaders
      )
      const noVisitors = (m: Record<string, unknown>) => ({
        ...m,
        unique_visitors: null,
      })
      expect(plain.totals).toEqual(noVisitors(admin.totals))
      expect(plain.series).toEqual(admin.series.map(noVisitors))

      // By product: labels are product titles; by note: the note's title.
      const byProduct = await report(
        "/store/buyers/me/report?preset=7d&group_by=product&order_by=orders&order=asc&visitors=include",
        lin.headers
      )
      expect(byProduct.range.interval).toBe("day")
      expect(byProduct.count).toBe(2)
      expect(
        byProduct.groups.map((g) => [
          g.key,
          g.label,
          g.clicks,
          g.unique_visitors,
          g.orders,
        ])
      ).toEqual([
        [f.products[1].id, f.products[1].title, 2, 2, 0],
        [f.products[0].id, f.products[0].title, 2, 2, 1],
      ])
      const byNote = await report(
        "/store/buyers/me/report?preset=30d&group_by=note&visitors=include",
        lin.headers
      )
      expect(byNote.groups).toHaveLength(1)
      expect(byNote.groups[0]).toMatchObject({
        key: noteId,
        label: "Cream and serum",
        clicks: 4,
        orders: 1,
      })
      expect(byNote.groups[0].currencies[0]).toMatchObject({
        currency_code: "eur",
        net: "5",
      })

      // utm groups carry clicks and visitors, not orders or money.
      const byUtm = await report(
        "/store/buyers/me/report?preset=24h&group_by=utm_source&visitors=include",
        lin.headers
      )
      expect(
        byUtm.groups.map((g) => [
          g.key,
          g.label,
          g.clicks,
          g.unique_visitors,
          g.orders,
          g.conversion,
        ])
      ).toEqual([
        ["ig", "ig", 2, 1, null, null],
        [null, null, 2, 2, null, null],
      ])
      const byReferer = await report(
        "/store/buyers/me/report?preset=24h&group_by=referer&visitors=include",
        lin.headers
      )
      expect(byReferer.groups.map((g) => [g.key, g.clicks])).toEqual([
        ["social.example", 4],
      ])

      // Paging: one group per page, the count of all.
      const page2 = await report(
        "/store/buyers/me/report?preset=24h&group_by=product&order_by=orders&limit=1&offset=1&visitors=include",
        lin.headers
      )
      expect(page2).toMatchObject({ count: 2, limit: 1, offset: 1 })
      expect(page2.groups.map((g) => g.key)).toEqual([f.products[1].id])

      // CSV: the same numbers, one row per bucket (and currency).
      const csv = await api.get(
        "/store/buyers/me/report?preset=24h&tz=Asia/Kathmandu&format=csv&visitors=include",
        lin.headers
      )
      expect(csv.headers["content-type"]).toContain("text/csv")
      expect(csv.headers["content-disposition"]).toMatch(
        /attachment; filename="lin-report-.*\.csv"/
      )
      const lines = (csv.data as string).trim().split("\r\n")
      const header = lines[0].split(",")
      expect(header.slice(0, 3)).toEqual(["start", "end", "clicks"])
      expect(lines).toHaveLength(1 + mine.series.length)
      const rows = lines.slice(1).map((l) => l.split(","))
      const col = (n: string) => header.indexOf(n)
      expect(rows.reduce((s, r) => s + Number(r[col("clicks")]), 0)).toBe(4)
      const eurRow = rows.find((r) => r[col("currency_code")] === "eur")!
      expect(eurRow[col("net")]).toBe("5")
      const csvGroups = await api.get(
        "/store/buyers/me/report?preset=24h&group_by=note&format=csv&visitors=include",
        lin.headers
      )
      expect((csvGroups.data as string).split("\r\n")[1]).toContain(
        `${noteId},Cream and serum,4,3,`
      )
    })

    /** A reader's counted view of a note (the note page's beacon). */
    const view = async (id: string, visitor: string) => {
      const res = await api.post(`/store/notes/${id}/views`, undefined, {
        headers: {
          ...f.storeHeaders.headers,
          "user-agent": BROWSER,
          cookie: `notes_vid=${visitor}`,
        },
      })
      expect(res.status).toBe(204)
    }

    it("counts views in every report: totals, series, note and buyer groups, view_ctr, CSV, order_by=views", async () => {
      await drive()
      // lin's note: 3 readers (one of them twice: one view a day); maya's: 1.
      const [mayaNote] = await sql<{ id: string }>(
        getContainer(),
        "SELECT id FROM note WHERE buyer_id = ?",
        [mayaId]
      )
      for (const v of ["visitor_one_0001", "visitor_two_0002"]) {
        await view(noteId, v)
      }
      await view(noteId, "visitor_two_0002")
      await view(noteId, "visitor_five_005")
      await view(mayaNote.id, "visitor_one_0001")

      // The funnel of lin's note: 3 views → 4 clicks → 1 order.
      const note = await report(
        `/admin/notes/${noteId}/report?preset=24h&tz=Asia/Kathmandu`,
        f.adminHeaders
      )
      expect(note.totals).toMatchObject({
        views: 3,
        clicks: 4,
        orders: 1,
        view_ctr: "1.333333",
      })
      expect(note.series.reduce((n, b) => n + (b.views ?? 0), 0)).toBe(3)
      expect(note.series.every((b) => b.views !== null)).toBe(true)

      const mine = await report(
        "/store/buyers/me/report?preset=7d&group_by=note",
        lin.headers
      )
      expect(mine.totals).toMatchObject({ views: 3, view_ctr: "1.333333" })
      expect(
        mine.groups.map((g) => [g.key, g.views, g.clicks, g.view_ctr])
      ).toEqual([[noteId, 3, 4, "1.333333"]])
      // Views have no product, utm or referer: null there.
      const byProduct = await report(
        "/store/buyers/me/report?preset=7d&group_by=product",
        lin.headers
      )
      expect(byProduct.totals.views).toBe(3)
      expect(
        byProduct.groups.every((g) => g.views === null && g.view_ctr === null)
      ).toBe(true)

      // The leaderboard by views; the program's totals.
      const board = await report(
        "/admin/program-report?preset=30d&group_by=buyer&order_by=views&order=asc",
        f.adminHeaders
      )
      expect(board.totals).toMatchObject({ views: 4, clicks: 5 })
      expect(board.groups.map((g) => [g.key, g.views, g.view_ctr])).toEqual([
        [mayaId, 1, "1.000000"],
        [linId, 3, "1.333333"],
      ])
      // A note read without a click is a group of its own.
      await view(mayaNote.id, "visitor_six_00006")
      const notes = await report(
        "/admin/program-report?preset=30d&group_by=note&order_by=views",
        f.adminHeaders
      )
      expect(notes.groups.map((g) => [g.key, g.views, g.clicks])).toEqual([
        [noteId, 3, 4],
        [mayaNote.id, 2, 1],
      ])

      // CSV: the same numbers in `views` and `view_ctr`.
      const csv = await api.get(
        "/store/buyers/me/report?preset=7d&group_by=note&format=csv",
        lin.headers
      )
      const [header, row] = (csv.data as string)
        .trim()
        .split("\r\n")
        .map((l) => l.split(","))
      expect(row[header.indexOf("views")]).toBe("3")
      expect(row[header.indexOf("view_ctr")]).toBe("1.333333")

      // The rebuild changes nothing.
      const rollups = async () =>
        Promise.all(
          [
            "SELECT * FROM note_view_rollup ORDER BY 1, 2, 3",
            "SELECT * FROM note_view_day ORDER BY 1, 2, 3",
            "SELECT * FROM note_view_program ORDER BY 1",
          ].map((text) => sql(getContainer(), text))
        )
      const before = await rollups()
      expect(before.map((rows) => rows.length > 0)).toEqual([true, true, true])
      const notesModule =
        getContainer().resolve<NotesModuleService>(NOTES_MODULE)
      await notesModule.rebuildViewRollup()
      await notesModule.rebuildViewRollup()
      expect(await rollups()).toEqual(before)
      // A removed view (the beacon's compensation) leaves the rollup.
      await sql(getContainer(), "DELETE FROM note_view WHERE note_id = ?", [
        mayaNote.id,
      ])
      const after = await report(
        "/admin/program-report?preset=30d",
        f.adminHeaders
      )
      expect(after.totals.views).toBe(3)
    })

    it("keeps each buyer to their own report, and shows the program and one note to the admin", async () => {
      await drive()

      const hers = await report(
        "/store/buyers/me/report?preset=24h",
        maya.headers
      )
      expect(hers.totals).toMatchObject({
        clicks: 1,
        orders: 0,
        conversion: "0.000000",
        currencies: [],
      })
      const other = await settle(
        api.get(`/store/buyers/me/report?buyer_id=${linId}`, maya.headers)
      )
      expect(other.status).toBe(400)
      expect(other.data.message).toMatch(/^buyer_id: /)
      expect(JSON.stringify(other.data)).not.toContain("Cream and serum")
      const noBuyer = await settle(
        api.get("/store/buyers/me/report", shopper.headers)
      )
      expect(noBuyer.status).toBe(404)

      // The leaderboard: buyers ranked by net commission in EUR, then clicks.
      const board = await report(
        "/admin/program-report?preset=30d&group_by=buyer&currency_code=eur",
        f.adminHeaders
      )
      expect(board.totals).toMatchObject({ clicks: 5, orders: 1 })
      expect(board.groups.map((g) => [g.key, g.label, g.clicks])).toEqual([
        [linId, "LIN", 4],
        [mayaId, "MAYA", 1],
      ])
      const byClicksAsc = await report(
        "/admin/program-report?preset=30d&group_by=buyer&order_by=clicks&order=asc",
        f.adminHeaders
      )
      expect(byClicksAsc.groups.map((g) => g.key)).toEqual([mayaId, linId])
      // `key` narrows the groups to the ones asked for (repeated or
      // comma-separated); the totals stay the whole program's.
      const one = await report(
        `/admin/program-report?preset=30d&group_by=buyer&key=${mayaId}`,
        f.adminHeaders
      )
      expect(one.groups.map((g) => [g.key, g.clicks])).toEqual([[mayaId, 1]])
      expect(one.count).toBe(1)
      expect(one.totals).toMatchObject({ clicks: 5, orders: 1 })
      const both = await report(
        `/admin/program-report?preset=30d&group_by=buyer&key=${mayaId}&key=${linId}&order_by=clicks&order=asc`,
        f.adminHeaders
      )
      expect(both.groups.map((g) => g.key)).toEqual([mayaId, linId])
      const product = await report(
        `/admin/program-report?preset=30d&group_by=product&key=${f.products[0].id},prod_unknown`,
        f.adminHeaders
      )
      expect(product.groups.map((g) => [g.key, g.label, g.orders])).toEqual([
        [f.products[0].id, f.products[0].title, 1],
      ])

      const noteReport = await report(
        `/admin/notes/${noteId}/report?preset=all&group_by=product&order_by=unique_visitors`,
        f.adminHeaders
      )
      expect(noteReport.range.preset).toBe("all")
      expect(noteReport.totals).toMatchObject({ clicks: 4, orders: 1 })
      expect(noteReport.groups.map((g) => g.unique_visitors)).toEqual([2, 2])

      // Dates: local midnights of the zone, `to` inclusive.
      const today = new Date().toISOString().slice(0, 10)
      const dated = await report(
        `/admin/buyers/${linId}/report?from=${today}&to=${today}&tz=America/New_York&interval=day`,
        f.adminHeaders
      )
      expect(dated.range.preset).toBeNull()
      expect(new Date(dated.range.from).getUTCHours()).toBeGreaterThanOrEqual(4)
      expect(dated.series).toHaveLength(1)
    })

    it("refuses bad input with a 400 naming the field, and unknown subjects with a 404", async () => {
      const bad: [string, string][] = [
        ["/store/buyers/me/report?tz=Mars/Olympus", "tz"],
        ["/store/buyers/me/report?tz=%2B05:30", "tz"],
        ["/store/buyers/me/report?from=2026-05-02&to=2026-05-01", "to"],
        [
          "/store/buyers/me/report?from=2026-05-01T10:00:00Z&to=2026-05-01T10:00:00Z",
          "to",
        ],
        ["/store/buyers/me/report?to=2026-05-01", "from"],
        ["/store/buyers/me/report?from=2026-13-01", "from"],
        ["/store/buyers/me/report?preset=30d&from=2026-05-01", "preset"],
        ["/store/buyers/me/report?preset=2w", "preset"],
        [
          "/store/buyers/me/report?from=2020-01-01&to=2026-01-01&interval=day",
          "interval",
        ],
        [
          "/store/buyers/me/report?from=2026-05-01&to=2026-05-08&interval=hour",
          "interval",
        ],
        ["/store/buyers/me/report?preset=90d&interval=hour", "interval"],
        ["/store/buyers/me/report?interval=minute", "interval"],
        ["/store/buyers/me/report?group_by=color", "group_by"],
        ["/store/buyers/me/report?group_by=buyer", "group_by"],
        ["/store/buyers/me/report?group_by=note&order_by=likes", "order_by"],
        ["/store/buyers/me/report?group_by=product&order_by=views", "order_by"],
        [
          "/store/buyers/me/report?group_by=referer&order_by=view_ctr",
          "order_by",
        ],
        [
          "/store/buyers/me/report?group_by=utm_source&order_by=net",
          "order_by",
        ],
        [
          "/store/buyers/me/report?group_by=note&currency_code=euro",
          "currency_code",
        ],
        ["/store/buyers/me/report?limit=101", "limit"],
        ["/store/buyers/me/report?format=xlsx", "format"],
        ["/store/buyers/me/report?visitors=yes", "visitors"],
        [`/store/buyers/me/report?buyer_id=${mayaId}`, "buyer_id"],
      ]
      for (const [url, field] of bad) {
        const res = await settle(api.get(url, lin.headers))
        expect([url, res.status]).toEqual([url, 400])
        expect([url, res.data.message]).toEqual([
          url,
          expect.stringMatching(new RegExp(`^${field}: `)),
        ])
      }
      const admin: [string, string][] = [
        [`/admin/program-report?group_by=buyer&order_by=nope`, "order_by"],
        [`/admin/program-report?key=${linId}`, "key"],
        [`/admin/program-report?group_by=buyer&key=`, "key"],
        [`/admin/program-report?from=1900-01-01`, "from"],
        [`/admin/notes/${noteId}/report?tz=Europe/Nowhere`, "tz"],
        [
          `/admin/buyers/${linId}/report?from=2026-01-01&to=2026-01-09&interval=hour`,
          "interval",
        ],
      ]
      for (const [url, field] of admin) {
        const res = await settle(api.get(url, f.adminHeaders))
        expect([url, res.status]).toEqual([url, 400])
        expect(res.data.message).toMatch(new RegExp(`^${field}: `))
      }
      for (const url of [
        "/admin/buyers/buyer_missing/report",
        "/admin/notes/note_missing/report",
      ]) {
        const res = await settle(api.get(url, f.adminHeaders))
        expect([url, res.status]).toEqual([url, 404])
      }
      // Admin routes need an admin.
      const anon = await settle(api.get("/admin/program-report", lin.headers))
      expect([401, 403]).toContain(anon.status)
    })
  },
})
