import { handleProblem, normalizeHandle } from "../utils/handle"

describe("buyer handles", () => {
  it("accepts URL-safe handles of 3 to 30 characters", () => {
    for (const h of ["lin", "lin_xiao", "mia-2026", "a".repeat(30), "007"]) {
      expect({ h, problem: handleProblem(h) }).toEqual({ h, problem: null })
    }
  })

  it("refuses short, long, unsafe and reserved handles", () => {
    for (const h of [
      "ab",
      "a".repeat(31),
      "-lead",
      "has space",
      "émile",
      "a/b",
      "admin",
      "me",
    ]) {
      expect(handleProblem(h)).toMatch(/handle/)
    }
  })

  it("normalises case and surrounding space", () => {
    expect(normalizeHandle("  Lin_Xiao ")).toBe("lin_xiao")
  })
})
