import { splitRangeByUtcDays } from "../rollup/ranges"

const d = (s: string) => new Date(s)
const iso = (parts: ReturnType<typeof splitRangeByUtcDays>) =>
  parts.map((p) => [p.grain, p.from.toISOString(), p.to.toISOString()])

describe("splitRangeByUtcDays", () => {
  it("cuts a range into its ends and its whole UTC days", () => {
    expect(
      iso(
        splitRangeByUtcDays(
          d("2026-03-06T18:30:00Z"),
          d("2026-03-10T04:45:00Z")
        )
      )
    ).toEqual([
      ["bucket", "2026-03-06T18:30:00.000Z", "2026-03-07T00:00:00.000Z"],
      ["day", "2026-03-07T00:00:00.000Z", "2026-03-10T00:00:00.000Z"],
      ["bucket", "2026-03-10T00:00:00.000Z", "2026-03-10T04:45:00.000Z"],
    ])
  })

  it("leaves out empty ends", () => {
    expect(
      iso(
        splitRangeByUtcDays(
          d("2026-03-07T00:00:00Z"),
          d("2026-03-09T00:00:00Z")
        )
      )
    ).toEqual([["day", "2026-03-07T00:00:00.000Z", "2026-03-09T00:00:00.000Z"]])
  })

  it("reads 15-minute rows only when no whole UTC day is inside", () => {
    expect(
      iso(
        splitRangeByUtcDays(
          d("2026-03-06T18:15:00Z"),
          d("2026-03-07T18:15:00Z")
        )
      )
    ).toEqual([
      ["bucket", "2026-03-06T18:15:00.000Z", "2026-03-07T18:15:00.000Z"],
    ])
    expect(
      iso(
        splitRangeByUtcDays(
          d("2026-03-07T00:00:00Z"),
          d("2026-03-07T23:45:00Z")
        )
      )
    ).toEqual([
      ["bucket", "2026-03-07T00:00:00.000Z", "2026-03-07T23:45:00.000Z"],
    ])
  })

  it("gives nothing for an empty or reversed range", () => {
    expect(
      splitRangeByUtcDays(d("2026-03-07T00:00:00Z"), d("2026-03-07T00:00:00Z"))
    ).toEqual([])
    expect(
      splitRangeByUtcDays(d("2026-03-08T00:00:00Z"), d("2026-03-07T00:00:00Z"))
    ).toEqual([])
  })
})
