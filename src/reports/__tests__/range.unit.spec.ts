import {
  bucketCount,
  defaultInterval,
  presetRange,
  resolveRange,
  type ReportDate,
} from "../range"
import { isIanaZone, localParts, offsetAt, startOfLocalDay } from "../timezone"

const iso = (ms: number) => new Date(ms).toISOString()
const at = (s: string) => new Date(s).getTime()
const date = (s: string): ReportDate => ({
  at: new Date(`${s}T00:00:00Z`),
  date_only: true,
})
const dateTime = (s: string): ReportDate => ({
  at: new Date(s),
  date_only: false,
})
const day = (s: string) => {
  const [year, month, d] = s.split("-").map(Number)
  return { year, month, day: d }
}
const HOUR = 3600_000

/** Expects a 400 whose message starts with `field: `. */
function refused(fn: () => unknown, field: string) {
  let error: unknown
  try {
    fn()
  } catch (e) {
    error = e
  }
  expect(error).toBeDefined()
  const e = error as { type: string; message: string }
  expect(e.type).toBe("invalid_data")
  expect(e.message.startsWith(`${field}: `)).toBe(true)
  return e.message
}

describe("time zones", () => {
  it("knows IANA zones in any letter case and refuses the rest", () => {
    for (const ok of [
      "america/new_york",
      "Asia/Kathmandu",
      "UTC",
      "Australia/Lord_Howe",
    ]) {
      expect(isIanaZone(ok)).toBe(true)
    }
    for (const bad of [
      "Mars/Olympus",
      "+05:30",
      "",
      "x".repeat(70),
      "../etc",
    ]) {
      expect(isIanaZone(bad)).toBe(false)
    }
  })

  it("reads offsets of 30- and 45-minute zones and Lord Howe's 30-minute DST", () => {
    expect(offsetAt(at("2026-06-01T00:00:00Z"), "Asia/Kolkata")).toBe(
      5.5 * HOUR
    )
    expect(offsetAt(at("2026-06-01T00:00:00Z"), "Asia/Kathmandu")).toBe(
      5.75 * HOUR
    )
    expect(offsetAt(at("2026-01-15T00:00:00Z"), "Australia/Lord_Howe")).toBe(
      11 * HOUR
    )
    expect(offsetAt(at("2026-06-15T00:00:00Z"), "Australia/Lord_Howe")).toBe(
      10.5 * HOUR
    )
  })

  it("finds local midnights across DST changes", () => {
    const ny = "America/New_York"
    expect(iso(startOfLocalDay(day("2026-03-08"), ny))).toBe(
      "2026-03-08T05:00:00.000Z"
    )
    expect(iso(startOfLocalDay(day("2026-03-09"), ny))).toBe(
      "2026-03-09T04:00:00.000Z"
    )
    expect(iso(startOfLocalDay(day("2026-11-01"), ny))).toBe(
      "2026-11-01T04:00:00.000Z"
    )
    expect(iso(startOfLocalDay(day("2026-11-02"), ny))).toBe(
      "2026-11-02T05:00:00.000Z"
    )
    expect(iso(startOfLocalDay(day("2026-06-09"), "Asia/Kolkata"))).toBe(
      "2026-06-08T18:30:00.000Z"
    )
    expect(iso(startOfLocalDay(day("2026-06-09"), "Asia/Kathmandu"))).toBe(
      "2026-06-08T18:15:00.000Z"
    )
    const lh = "Australia/Lord_Howe"
    // DST ends 2026-04-05 02:00 (+11 → +10:30), starts 2026-10-04 02:00 (→ +11).
    expect(iso(startOfLocalDay(day("2026-04-05"), lh))).toBe(
      "2026-04-04T13:00:00.000Z"
    )
    expect(iso(startOfLocalDay(day("2026-04-06"), lh))).toBe(
      "2026-04-05T13:30:00.000Z"
    )
    expect(iso(startOfLocalDay(day("2026-10-04"), lh))).toBe(
      "2026-10-03T13:30:00.000Z"
    )
    expect(iso(startOfLocalDay(day("2026-10-05"), lh))).toBe(
      "2026-10-04T13:00:00.000Z"
    )
  })

  it("starts a day whose midnight DST skips at the change (as PostgreSQL does)", () => {
    // Chile moves clocks from 24:00 to 01:00 on 2026-09-06: midnight does not exist.
    const start = startOfLocalDay(day("2026-09-06"), "America/Santiago")
    expect(iso(start)).toBe("2026-09-06T04:00:00.000Z")
    expect(localParts(start, "America/Santiago")).toMatchObject({
      day: 6,
      hour: 1,
      minute: 0,
    })
  })
})

describe("presets", () => {
  // 2026-03-10 12:07 UTC: 08:07 in New York (EDT since 03-08).
  const now = at("2026-03-10T12:07:30Z")

  it("24h is the last 24 hours on the 15-minute grain", () => {
    const r = presetRange("24h", "UTC", now)
    expect(iso(r.from)).toBe("2026-03-09T12:00:00.000Z")
    expect(iso(r.to)).toBe("2026-03-10T12:15:00.000Z")
  })

  it("7d, 30d, 90d and 1y start at local midnight 6, 29, 89, 364 days ago", () => {
    const ny = "America/New_York"
    // 03-04 is before the change: EST, midnight at 05:00Z.
    expect(iso(presetRange("7d", ny, now).from)).toBe(
      "2026-03-04T05:00:00.000Z"
    )
    expect(iso(presetRange("30d", ny, now).from)).toBe(
      "2026-02-09T05:00:00.000Z"
    )
    expect(iso(presetRange("90d", ny, now).from)).toBe(
      "2025-12-11T05:00:00.000Z"
    )
    expect(iso(presetRange("1y", ny, now).from)).toBe(
      "2025-03-11T04:00:00.000Z"
    )
    expect(iso(presetRange("7d", "Asia/Kolkata", now).from)).toBe(
      "2026-03-03T18:30:00.000Z"
    )
    expect(iso(presetRange("7d", "Asia/Kathmandu", now).from)).toBe(
      "2026-03-03T18:15:00.000Z"
    )
    expect(iso(presetRange("7d", ny, now).to)).toBe("2026-03-10T12:15:00.000Z")
  })

  it("mtd, qtd, ytd start at the local month, quarter, year", () => {
    const lh = "Australia/Lord_Howe"
    // 2026-05-20 00:00 UTC is 10:30 on 05-20 at Lord Howe (+10:30).
    const n = at("2026-05-20T00:00:00Z")
    expect(iso(presetRange("mtd", lh, n).from)).toBe("2026-04-30T13:30:00.000Z")
    // Quarter starts 04-01, still DST (+11).
    expect(iso(presetRange("qtd", lh, n).from)).toBe("2026-03-31T13:00:00.000Z")
    expect(iso(presetRange("ytd", lh, n).from)).toBe("2025-12-31T13:00:00.000Z")
    // In UTC, 2026-05-20 00:00 is already the 20th: the same month.
    expect(iso(presetRange("mtd", "UTC", n).from)).toBe(
      "2026-05-01T00:00:00.000Z"
    )
  })

  it("the local date decides: just after midnight in Kolkata is the next day", () => {
    // 2026-03-31 18:45 UTC is 04-01 00:15 in Kolkata: a new month and quarter.
    const n = at("2026-03-31T18:45:00Z")
    expect(iso(presetRange("mtd", "Asia/Kolkata", n).from)).toBe(
      "2026-03-31T18:30:00.000Z"
    )
    expect(iso(presetRange("qtd", "Asia/Kolkata", n).from)).toBe(
      "2026-03-31T18:30:00.000Z"
    )
    expect(iso(presetRange("mtd", "UTC", n).from)).toBe(
      "2026-03-01T00:00:00.000Z"
    )
  })

  it("all starts at the first activity (floored), or today without any", () => {
    const first = at("2025-07-04T10:20:00Z")
    expect(iso(presetRange("all", "UTC", now, first).from)).toBe(
      "2025-07-04T10:15:00.000Z"
    )
    expect(iso(presetRange("all", "America/New_York", now, null).from)).toBe(
      "2026-03-10T04:00:00.000Z"
    )
  })
})

describe("explicit ranges", () => {
  const now = at("2026-12-15T00:00:00Z")

  it("dates are local midnights and to is inclusive, across spring forward", () => {
    const r = resolveRange(
      { from: date("2026-03-08"), to: date("2026-03-08") },
      "America/New_York",
      now
    )
    expect(iso(r.from)).toBe("2026-03-08T05:00:00.000Z")
    expect(iso(r.to)).toBe("2026-03-09T04:00:00.000Z")
    expect(r.interval).toBe("hour")
    expect(r.preset).toBeNull()
    // 23 hours: the 02:00 hour does not exist.
    expect(bucketCount(r.from, r.to, r.tz, "hour")).toBe(23)
  })

  it("across fall back a day has 25 hours in 24 hour buckets", () => {
    const r = resolveRange(
      { from: date("2026-11-01"), to: date("2026-11-01") },
      "America/New_York",
      now
    )
    expect(r.to - r.from).toBe(25 * HOUR)
    expect(bucketCount(r.from, r.to, r.tz, "hour")).toBe(24)
    expect(bucketCount(r.from, r.to, r.tz, "day")).toBe(1)
  })

  it("Lord Howe's 30-minute changes give 23.5- and 24.5-hour days", () => {
    const lh = "Australia/Lord_Howe"
    const end = resolveRange(
      { from: date("2026-04-05"), to: date("2026-04-05") },
      lh,
      now
    )
    expect(end.to - end.from).toBe(24.5 * HOUR)
    expect(bucketCount(end.from, end.to, lh, "hour")).toBe(24)
    const start = resolveRange(
      { from: date("2026-10-04"), to: date("2026-10-04") },
      lh,
      now
    )
    expect(start.to - start.from).toBe(23.5 * HOUR)
    // 02:00–02:30 is skipped; the 02 hour still exists (02:30–03:00).
    expect(bucketCount(start.from, start.to, lh, "hour")).toBe(24)
  })

  it("date-times are floored and ceiled to 15 minutes; 45-minute zones keep their edges", () => {
    const r = resolveRange(
      {
        from: dateTime("2026-06-01T10:07:00Z"),
        to: dateTime("2026-06-01T12:01:00Z"),
      },
      "Asia/Kathmandu",
      now
    )
    expect(iso(r.from)).toBe("2026-06-01T10:00:00.000Z")
    expect(iso(r.to)).toBe("2026-06-01T12:15:00.000Z")
    const k = resolveRange(
      { from: date("2026-06-01"), to: date("2026-06-30") },
      "Asia/Kathmandu",
      now
    )
    expect(iso(k.from)).toBe("2026-05-31T18:15:00.000Z")
    expect(iso(k.to)).toBe("2026-06-30T18:15:00.000Z")
    expect(k.interval).toBe("day")
    expect(bucketCount(k.from, k.to, k.tz, "day")).toBe(30)
  })

  it("from alone runs to now", () => {
    const r = resolveRange(
      { from: date("2026-12-01") },
      "UTC",
      at("2026-12-15T08:05:00Z")
    )
    expect(iso(r.to)).toBe("2026-12-15T08:15:00.000Z")
  })

  it("refuses to before from, to without from, an empty range", () => {
    expect(
      refused(
        () =>
          resolveRange(
            { from: date("2026-05-02"), to: date("2026-05-01") },
            "UTC",
            now
          ),
        "to"
      )
    ).toContain("after from")
    refused(() => resolveRange({ to: date("2026-05-01") }, "UTC", now), "from")
    refused(
      () =>
        resolveRange(
          {
            from: dateTime("2026-05-01T10:00:00Z"),
            to: dateTime("2026-05-01T10:00:00Z"),
          },
          "UTC",
          now
        ),
      "to"
    )
    refused(
      () => resolveRange({ from: date("2027-01-01") }, "UTC", now),
      "from"
    )
  })
})

describe("intervals and limits", () => {
  const now = at("2026-12-15T00:00:00Z")

  it("defaults: hour to 48 h, day to 92 days, week to 366 days, month beyond", () => {
    const d = (a: string, b: string) => defaultInterval(at(a), at(b), "UTC")
    expect(d("2026-01-01T00:00:00Z", "2026-01-03T00:00:00Z")).toBe("hour")
    expect(d("2026-01-01T00:00:00Z", "2026-01-03T00:15:00Z")).toBe("day")
    expect(d("2026-01-01T00:00:00Z", "2026-04-03T00:00:00Z")).toBe("day")
    expect(d("2026-01-01T00:00:00Z", "2026-04-03T00:15:00Z")).toBe("week")
    expect(d("2025-01-01T00:00:00Z", "2026-01-02T00:00:00Z")).toBe("week")
    expect(d("2025-01-01T00:00:00Z", "2026-01-02T00:15:00Z")).toBe("month")
    expect(presetInterval("24h")).toBe("hour")
    expect(presetInterval("7d")).toBe("day")
    expect(presetInterval("90d")).toBe("day")
    expect(presetInterval("1y")).toBe("week")
    function presetInterval(p: "24h" | "7d" | "90d" | "1y") {
      return resolveRange({ preset: p }, "America/New_York", now).interval
    }
  })

  it("48 local hours across fall back (49 real) are still hourly", () => {
    const r = resolveRange(
      { from: date("2026-10-31"), to: date("2026-11-01") },
      "America/New_York",
      now
    )
    expect(r.to - r.from).toBe(49 * HOUR)
    expect(r.interval).toBe("hour")
  })

  it("hour covers at most 7 local days, DST or not", () => {
    const ny = "America/New_York"
    // Seven days over fall back: 169 real hours, 7 local days: allowed.
    const ok = resolveRange(
      { from: date("2026-10-29"), to: date("2026-11-04"), interval: "hour" },
      ny,
      now
    )
    expect(ok.to - ok.from).toBe(169 * HOUR)
    expect(bucketCount(ok.from, ok.to, ny, "hour")).toBe(168)
    expect(
      refused(
        () =>
          resolveRange(
            {
              from: date("2026-10-29"),
              to: date("2026-11-05"),
              interval: "hour",
            },
            ny,
            now
          ),
        "interval"
      )
    ).toContain("at most 7 days")
    refused(
      () =>
        resolveRange({ preset: "30d", interval: "hour" }, "Asia/Kolkata", now),
      "interval"
    )
    expect(
      resolveRange({ preset: "7d", interval: "hour" }, "Asia/Kathmandu", now)
        .interval
    ).toBe("hour")
  })

  it("counts weeks from Monday and months by local dates", () => {
    // 2026-03-01 is a Sunday: its week began 02-23; 03-31 is a Tuesday.
    const r = resolveRange(
      { from: date("2026-03-01"), to: date("2026-03-31") },
      "Asia/Kolkata",
      now
    )
    expect(bucketCount(r.from, r.to, r.tz, "week")).toBe(6)
    expect(bucketCount(r.from, r.to, r.tz, "month")).toBe(1)
    expect(bucketCount(r.from, r.to, r.tz, "day")).toBe(31)
  })

  it("refuses more than 1,000 buckets, naming interval when it was asked for", () => {
    const ok = resolveRange(
      { from: date("2024-01-01"), to: date("2026-09-26"), interval: "day" },
      "UTC",
      now
    )
    expect(bucketCount(ok.from, ok.to, "UTC", "day")).toBe(1000)
    expect(
      refused(
        () =>
          resolveRange(
            {
              from: date("2024-01-01"),
              to: date("2026-09-27"),
              interval: "day",
            },
            "UTC",
            now
          ),
        "interval"
      )
    ).toContain("1001 day buckets")
    // Monthly by default beyond a year: 1,000 months is 83 years.
    refused(
      () => resolveRange({ from: date("1900-01-01") }, "UTC", now),
      "from"
    )
    expect(
      resolveRange({ from: date("1950-01-01") }, "UTC", now).interval
    ).toBe("month")
  })
})
