import { numericText } from "../rollup/read"
import { decimal } from "../utils/money"

describe("numericText (a rollup read's amounts)", () => {
  it("answers what decimal answers for PostgreSQL's numeric text", () => {
    const fixed = [
      "0",
      "-0",
      "0.00",
      "-0.000",
      "12",
      "100",
      "-100",
      "12.50",
      "-12.5000",
      "0.0100",
      "-0.0001",
      "385385.2400",
      "99205.6",
      "123456789012345678901234567890.123456789000",
      "007.50",
    ]
    // Seeded (LCG) random amounts with 0 to 6 decimals, some trailing zeros.
    let x = 42
    const next = () => (x = (x * 1103515245 + 12345) % 2 ** 31)
    const random = [...Array(500).keys()].map(() => {
      const sign = next() % 3 === 0 ? "-" : ""
      const int = String(next() % 1_000_000)
      const places = next() % 7
      const frac = String(next()).padStart(10, "0").slice(0, places)
      return places ? `${sign}${int}.${frac}` : `${sign}${int}`
    })
    for (const v of [...fixed, ...random]) {
      expect([v, numericText(v)]).toEqual([v, decimal(v)])
    }
  })

  it("falls back to decimal for anything else", () => {
    expect(numericText(null)).toBe("0")
    expect(numericText("1e3")).toBe(decimal("1e3"))
    expect(numericText(" 5")).toBe(decimal(" 5"))
  })
})
