import {
  splitByDays,
  splitByHours,
  splitDaysByMonths,
  type Spans,
} from "../hour-spans"

const T = (iso: string) => Date.parse(iso)
const iso = (s: { from: number[]; to: number[] }) =>
  s.from.map((f, i) => [
    new Date(f).toISOString().slice(5, 16),
    new Date(s.to[i]).toISOString().slice(5, 16),
  ])

describe("splitByHours", () => {
  it("reads whole hours hourly and the ragged ends by 15 minutes", () => {
    const { hours, quarters } = splitByHours(
      T("2026-03-01T10:15:00Z"),
      T("2026-03-01T14:30:00Z")
    )
    expect(iso(hours)).toEqual([["03-01T11:00", "03-01T14:00"]])
    expect(iso(quarters)).toEqual([
      ["03-01T10:15", "03-01T11:00"],
      ["03-01T14:00", "03-01T14:30"],
    ])
  })

  it("cuts an hour holding a bucket edge (a zone offset by 30 or 45 minutes) to 15 minutes", () => {
    // Asia/Kolkata days start at 18:30Z; Asia/Kathmandu at 18:15Z.
    const kolkata = splitByHours(
      T("2026-03-01T18:30:00Z"),
      T("2026-03-03T18:30:00Z"),
      [T("2026-03-01T18:30:00Z"), T("2026-03-02T18:30:00Z")]
    )
    expect(iso(kolkata.hours)).toEqual([
      ["03-01T19:00", "03-02T18:00"],
      ["03-02T19:00", "03-03T18:00"],
    ])
    expect(iso(kolkata.quarters)).toEqual([
      ["03-01T18:30", "03-01T19:00"],
      ["03-02T18:00", "03-02T19:00"],
      ["03-03T18:00", "03-03T18:30"],
    ])
    const kathmandu = splitByHours(
      T("2026-03-01T18:15:00Z"),
      T("2026-03-02T19:15:00Z"),
      [T("2026-03-01T18:15:00Z"), T("2026-03-02T18:15:00Z")]
    )
    expect(iso(kathmandu.quarters)).toEqual([
      ["03-01T18:15", "03-01T19:00"],
      ["03-02T18:00", "03-02T19:15"],
    ])
  })

  it("ignores edges on the hour and covers the range exactly once", () => {
    const from = T("2026-10-31T23:45:00Z")
    const to = T("2026-11-02T06:15:00Z")
    const edges = [T("2026-11-01T04:00:00Z"), T("2026-11-01T05:00:00Z")]
    const { hours, quarters } = splitByHours(from, to, edges)
    expect(iso(hours)).toEqual([["11-01T00:00", "11-02T06:00"]])
    const covered = [...hours.from.keys()]
      .map((i) => hours.to[i] - hours.from[i])
      .concat(
        [...quarters.from.keys()].map((i) => quarters.to[i] - quarters.from[i])
      )
      .reduce((a, b) => a + b, 0)
    expect(covered).toBe(to - from)
  })

  it("gives nothing for an empty range", () => {
    const t = T("2026-03-01T10:00:00Z")
    expect(splitByHours(t, t)).toEqual({
      hours: { from: [], to: [] },
      quarters: { from: [], to: [] },
    })
  })
})

describe("splitByDays", () => {
  const length = (s: Spans) => s.from.reduce((a, f, i) => a + (s.to[i] - f), 0)

  it("reads whole UTC days daily, the partial days hourly and the ragged ends by 15 minutes", () => {
    // A UTC daily series: the edges are the midnights.
    const from = T("2026-03-01T10:15:00Z")
    const to = T("2026-03-04T02:30:00Z")
    const edges = [
      T("2026-03-01T00:00:00Z"),
      T("2026-03-02T00:00:00Z"),
      T("2026-03-03T00:00:00Z"),
      T("2026-03-04T00:00:00Z"),
      T("2026-03-05T00:00:00Z"),
    ]
    const { days, hours, quarters } = splitByDays(from, to, edges)
    expect(iso(days)).toEqual([["03-02T00:00", "03-04T00:00"]])
    expect(iso(hours)).toEqual([
      ["03-01T11:00", "03-02T00:00"],
      ["03-04T00:00", "03-04T02:00"],
    ])
    expect(iso(quarters)).toEqual([
      ["03-01T10:15", "03-01T11:00"],
      ["03-04T02:00", "03-04T02:30"],
    ])
    expect(length(days) + length(hours) + length(quarters)).toBe(to - from)
  })

  it("reads no day holding an edge (a zone off UTC, an hourly series) as a day", () => {
    // Asia/Shanghai days start at 16:00Z: every UTC day holds an edge.
    const from = T("2026-03-01T16:00:00Z")
    const to = T("2026-03-04T16:00:00Z")
    const shanghai = splitByDays(from, to, [
      T("2026-03-01T16:00:00Z"),
      T("2026-03-02T16:00:00Z"),
      T("2026-03-03T16:00:00Z"),
    ])
    expect(shanghai.days).toEqual({ from: [], to: [] })
    expect(shanghai).toEqual({
      days: { from: [], to: [] },
      ...splitByHours(from, to),
    })
    // An hourly series in UTC: edges every hour, no whole day.
    const hourly = [...Array(72).keys()].map((h) => from + h * 3600_000)
    expect(splitByDays(from, to, hourly).days).toEqual({ from: [], to: [] })
    // Kolkata (18:30Z): the hours around each edge by 15 minutes still.
    const kolkataEdges = [T("2026-03-01T18:30:00Z"), T("2026-03-02T18:30:00Z")]
    const kolkata = splitByDays(
      T("2026-03-01T18:30:00Z"),
      T("2026-03-03T18:30:00Z"),
      kolkataEdges
    )
    expect(kolkata.days).toEqual({ from: [], to: [] })
    expect(iso(kolkata.quarters)).toEqual([
      ["03-01T18:30", "03-01T19:00"],
      ["03-02T18:00", "03-02T19:00"],
      ["03-03T18:00", "03-03T18:30"],
    ])
  })

  it("reads weeks and months of a UTC series as days, and nothing for an empty range", () => {
    const from = T("2026-03-02T00:00:00Z")
    const to = T("2026-03-16T00:00:00Z")
    const weeks = splitByDays(from, to, [from, T("2026-03-09T00:00:00Z"), to])
    expect(iso(weeks.days)).toEqual([["03-02T00:00", "03-16T00:00"]])
    expect(weeks.hours).toEqual({ from: [], to: [] })
    expect(weeks.quarters).toEqual({ from: [], to: [] })
    expect(splitByDays(from, from, [])).toEqual({
      days: { from: [], to: [] },
      hours: { from: [], to: [] },
      quarters: { from: [], to: [] },
    })
  })
})

describe("splitDaysByMonths", () => {
  const DAY = 24 * 3600 * 1000
  const days = (s: Spans) => {
    const out: number[] = []
    s.from.forEach((f, i) => {
      for (let d = f; d < s.to[i]; d += DAY) {
        out.push(d)
      }
    })
    return out
  }
  // Every day of a month span (a span of month starts covers its months).
  const monthDays = (s: Spans) => days(s)

  it("reads a 30-day range as its months minus the days outside", () => {
    const now = T("2026-12-06T08:40:00Z")
    const { months, add, subtract } = splitDaysByMonths(
      T("2026-11-07T00:00:00Z"),
      T("2026-12-06T00:00:00Z"),
      now
    )
    expect(iso(months)).toEqual([["11-01T00:00", "01-01T00:00"]])
    expect(iso(subtract)).toEqual([
      ["11-01T00:00", "11-07T00:00"],
      ["12-06T00:00", "01-01T00:00"],
    ])
    expect(iso(add)).toEqual([])
  })

  it("reads a month's few days inside as days, whole months as months", () => {
    const { months, add, subtract } = splitDaysByMonths(
      T("2026-08-27T00:00:00Z"),
      T("2026-11-01T00:00:00Z"),
      T("2026-12-06T08:40:00Z")
    )
    expect(iso(add)).toEqual([["08-27T00:00", "09-01T00:00"]])
    expect(iso(months)).toEqual([["09-01T00:00", "11-01T00:00"]])
    expect(iso(subtract)).toEqual([])
  })

  it("covers every day of the range exactly once, whatever the range and now", () => {
    let seed = 7
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648
      return seed % n
    }
    const base = T("2025-12-01T00:00:00Z")
    for (let k = 0; k < 500; k++) {
      const from = base + rnd(500) * DAY
      const to = from + (1 + rnd(400)) * DAY
      const now = base + rnd(1000) * DAY + rnd(DAY)
      const { months, add, subtract } = splitDaysByMonths(from, to, now)
      const count = new Map<number, number>()
      const bump = (ds: number[], by: number) =>
        ds.forEach((d) => count.set(d, (count.get(d) ?? 0) + by))
      bump(monthDays(months), 1)
      bump(days(add), 1)
      bump(days(subtract), -1)
      for (const [d, n] of count) {
        expect([d, n]).toEqual([d, d >= from && d < to ? 1 : 0])
      }
      for (let d = from; d < to; d += DAY) {
        expect(count.get(d)).toBe(1)
      }
      // Month spans start and end on month starts.
      for (const t of [...months.from, ...months.to]) {
        expect(new Date(t).getUTCDate()).toBe(1)
      }
    }
  })
})
