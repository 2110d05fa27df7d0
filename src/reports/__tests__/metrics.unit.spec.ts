import type { ClickRollupRow, LedgerRollupRow } from "../../types/reports"
import type { ReportAnswer } from "../compose"
import { reportCsv, sendReport } from "../csv"
import { buildMetrics, compareValues, metricValue, ratio } from "../metrics"

const click = (over: Partial<ClickRollupRow> = {}): ClickRollupRow => ({
  bucket: null,
  key: null,
  clicks: 0,
  dropped: { head: 0, bot: 0, duplicate: 0, burst: 0, not_earning: 0 },
  unique_visitors: null,
  orders: 0,
  units: 0,
  ...over,
})

const ledger = (
  currency_code: string,
  over: Partial<LedgerRollupRow> = {}
): LedgerRollupRow => ({
  bucket: null,
  key: null,
  currency_code,
  sales: "0",
  accrued: "0",
  reversed: "0",
  adjusted: "0",
  net: "0",
  pending: "0",
  on_hold: "0",
  approved: "0",
  paid: "0",
  ...over,
})

describe("ratio", () => {
  it("divides exactly and rounds half-up once", () => {
    expect(ratio(1, 3, 6)).toBe("0.333333")
    expect(ratio(2, 3, 6)).toBe("0.666667")
    expect(ratio(1, 2_000_000, 6)).toBe("0.000001")
    expect(ratio(1, 2_000_001, 6)).toBe("0.000000")
    expect(ratio("-1", 8, 2)).toBe("-0.13")
    expect(ratio("10.005", 1, 2)).toBe("10.01")
    expect(ratio("0.00005", 1, 4)).toBe("0.0001")
    expect(ratio("-0.00001", 1, 4)).toBe("0.0000")
    // Any spelling of a decimal, exactly (integers and scales of BigInt).
    expect(ratio(0.5, 3, 2)).toBe("0.17")
    expect(ratio("1e-3", "2", 4)).toBe("0.0005")
    expect(ratio("123456789012345678901234567890.5", "0.5", 1)).toBe(
      "246913578024691357802469135781.0"
    )
    expect(ratio("-7", "-2", 0)).toBe("4")
    expect(ratio("5", "0.000", 2)).toBeNull()
    expect(ratio(3, 3, 6)).toBe("1.000000")
    // A tie hidden beyond 20 digits is still a tie, not a rounding of a rounding.
    expect(ratio("0.00000049999999999999999999", 1, 6)).toBe("0.000000")
    expect(ratio("12345678901.1234567890", "0.0000000003", 4)).toBe(
      "41152263003744855963.3333"
    )
  })

  it("is null when dividing by zero", () => {
    expect(ratio(5, 0, 6)).toBeNull()
    expect(ratio("0", "0.00", 4)).toBeNull()
  })
})

describe("buildMetrics", () => {
  it("merges counts and money per currency with exact derived metrics", () => {
    const m = buildMetrics(
      click({ clicks: 3, orders: 1, units: 2, unique_visitors: 2 }),
      [
        ledger("USD", {
          accrued: "10.10",
          net: "10.10",
          pending: "10.10",
          sales: "101",
        }),
        ledger("eur", {
          accrued: "0.10",
          reversed: "-0.03",
          net: "0.07",
          approved: "0.07",
          sales: "1",
        }),
        ledger("usd", { adjusted: "-0.10", net: "-0.10", pending: "-0.10" }),
      ]
    )
    expect(m.clicks).toBe(3)
    expect(m.unique_visitors).toBe(2)
    expect(m.conversion).toBe("0.333333")
    expect(m.currencies.map((c) => c.currency_code)).toEqual(["eur", "usd"])
    expect(m.currencies[0]).toEqual({
      currency_code: "eur",
      sales: "1",
      accrued: "0.1",
      reversed: "-0.03",
      adjusted: "0",
      net: "0.07",
      pending: "0",
      on_hold: "0",
      approved: "0.07",
      paid: "0",
      returned_share: "0.300000",
      epc: "0.0233",
    })
    expect(m.currencies[1]).toMatchObject({
      accrued: "10.1",
      adjusted: "-0.1",
      net: "10",
      pending: "10",
      returned_share: "0.000000",
      epc: "3.3333",
    })
  })

  it("signs the returned share as -reversed / accrued, null when nothing accrued", () => {
    const m = buildMetrics(undefined, [
      ledger("eur", { accrued: "-2", reversed: "0.5" }),
      ledger("gbp", { accrued: "4", reversed: "1" }),
      ledger("jpy", { accrued: "0.00", reversed: "-3" }),
      ledger("usd", { accrued: "3", reversed: "-0.000" }),
    ])
    expect(m.currencies.map((c) => c.returned_share)).toEqual([
      "0.250000",
      "-0.250000",
      null,
      "0.000000",
    ])
  })

  it("has nulls where a ratio divides by zero, and zeros without rows", () => {
    const m = buildMetrics(undefined, [
      ledger("eur", { adjusted: "5", net: "5" }),
    ])
    expect(m.clicks).toBe(0)
    expect(m.conversion).toBeNull()
    expect(m.currencies[0].returned_share).toBeNull()
    expect(m.currencies[0].epc).toBeNull()
    expect(m.dropped).toEqual({
      head: 0,
      bot: 0,
      duplicate: 0,
      burst: 0,
      not_earning: 0,
    })
    const clickOnly = buildMetrics(click({ clicks: 4 }), [], {
      withOrders: false,
    })
    expect(clickOnly).toMatchObject({
      orders: null,
      units: null,
      conversion: null,
      currencies: [],
    })
  })
})

describe("views", () => {
  it("carries views and view_ctr = clicks ÷ views, null without views or where views are not split", () => {
    const m = buildMetrics(click({ clicks: 4 }), [], { views: 3 })
    expect([m.views, m.view_ctr]).toEqual([3, "1.333333"])
    expect(metricValue(m, "views", null)).toBe(3)
    expect(metricValue(m, "view_ctr", null)).toBe("1.333333")
    const none = buildMetrics(click({ clicks: 2 }), [], { views: 0 })
    expect([none.views, none.view_ctr]).toEqual([0, null])
    // By product, utm or referer: no views at all.
    const product = buildMetrics(click({ clicks: 2 }), [])
    expect([product.views, product.view_ctr]).toEqual([null, null])
  })
})

describe("ordering", () => {
  it("compares decimal strings exactly, nulls last both ways", () => {
    expect(compareValues("10", "9.5", "asc")).toBe(1)
    expect(compareValues("10", "9.5", "desc")).toBe(-1)
    expect(compareValues("0.1000000000000000000001", "0.1", "desc")).toBe(-1)
    expect(compareValues(null, "1", "asc")).toBe(1)
    expect(compareValues(null, "1", "desc")).toBe(1)
    expect(compareValues(null, null, "desc")).toBe(0)
  })

  it("reads a money metric in one currency (0 without it, null for its ratios)", () => {
    const m = buildMetrics(click({ clicks: 2 }), [
      ledger("eur", { net: "4", accrued: "4" }),
    ])
    expect(metricValue(m, "net", "eur")).toBe("4")
    expect(metricValue(m, "net", "usd")).toBe(0)
    expect(metricValue(m, "epc", "usd")).toBeNull()
    expect(metricValue(m, "epc", "eur")).toBe("2.0000")
    expect(metricValue(m, "dropped.bot", null)).toBe(0)
    expect(metricValue(m, "clicks", null)).toBe(2)
  })
})

describe("CSV", () => {
  const metrics = buildMetrics(
    click({ clicks: 2, orders: 1, units: 1, unique_visitors: 1 }),
    [
      ledger("eur", { accrued: "1.5", net: "1.5", pending: "1.5" }),
      ledger("usd", { accrued: "-2", net: "-2" }),
    ]
  )
  const empty = { ...buildMetrics(undefined, []), unique_visitors: 0 }
  const report: ReportAnswer = {
    range: {
      from: "2026-01-01T00:00:00.000Z",
      to: "2026-01-03T00:00:00.000Z",
      tz: "UTC",
      interval: "day",
      preset: null,
    },
    totals: metrics,
    series: [
      {
        start: "2026-01-01T00:00:00.000Z",
        end: "2026-01-02T00:00:00.000Z",
        ...metrics,
      },
      {
        start: "2026-01-02T00:00:00.000Z",
        end: "2026-01-03T00:00:00.000Z",
        ...empty,
      },
    ],
    groups: [{ key: "note_1", label: '=HYPERLINK("x")', ...metrics }],
    count: 1,
    limit: 20,
    offset: 0,
  }

  it("has one row per bucket and currency, clicks repeated", () => {
    const { header, rows } = reportCsv(report, false)
    expect(header.slice(0, 4)).toEqual([
      "start",
      "end",
      "clicks",
      "unique_visitors",
    ])
    expect(rows).toHaveLength(3)
    const col = (name: string) => header.indexOf(name)
    expect(rows.map((r) => r[col("currency_code")])).toEqual([
      "eur",
      "usd",
      null,
    ])
    expect(rows.map((r) => r[col("clicks")])).toEqual([2, 2, 0])
    expect(rows[1][col("epc")]).toBe("-1.0000")
    expect(rows[2][col("net")]).toBeNull()
    expect(rows.every((r) => r.length === header.length)).toBe(true)
  })

  it("writes groups formula-safe", () => {
    let body = ""
    const headers: Record<string, string> = {}
    sendReport(
      {
        json: () => undefined,
        setHeader: (k, v) => (headers[k] = v),
        send: (b) => (body = b),
      },
      report,
      { format: "csv", group_by: "note" },
      "buyer"
    )
    expect(headers["Content-Type"]).toContain("text/csv")
    expect(headers["Content-Disposition"]).toBe(
      'attachment; filename="buyer-report-20260101T0000-20260103T0000.csv"'
    )
    const lines = body.trim().split("\r\n")
    expect(lines[0].startsWith("key,label,clicks,")).toBe(true)
    expect(lines[1]).toContain(`note_1,"'=HYPERLINK(""x"")",2,1,`)
    expect(lines[2]).toContain(",usd,0,-2,")
  })
})
