import { resolveIpHashKey } from "../utils/options"

describe("resolveIpHashKey", () => {
  const long = "a-secret-of-24-characters"

  it("uses the option first, then a long enough store secret", () => {
    expect(
      resolveIpHashKey(
        { ip_hash_secret: long },
        { COOKIE_SECRET: "x".repeat(40) }
      )
    ).toEqual({ key: long, warning: null })
    expect(resolveIpHashKey({}, { COOKIE_SECRET: long })).toEqual({
      key: long,
      warning: null,
    })
    expect(
      resolveIpHashKey({}, { COOKIE_SECRET: "supersecret", JWT_SECRET: long })
    ).toEqual({ key: long, warning: null })
  })

  it("never falls back to a secret shorter than 16 characters", () => {
    // The starter's default secret: 11 characters.
    const a = resolveIpHashKey({}, { COOKIE_SECRET: "supersecret" })
    const b = resolveIpHashKey({}, { COOKIE_SECRET: "supersecret" })
    expect(a.key).not.toBe("supersecret")
    expect(a.key).toMatch(/^[0-9a-f]{64}$/)
    expect(a.key).not.toBe(b.key)
    expect(a.warning).toContain("ip_hash_secret")
  })

  it("refuses to start in production without a long enough secret", () => {
    expect(() =>
      resolveIpHashKey(
        {},
        { NODE_ENV: "production", COOKIE_SECRET: "supersecret" }
      )
    ).toThrow(/Invalid option 'ip_hash_secret'.*16 characters/)
    expect(
      resolveIpHashKey({}, { NODE_ENV: "production", COOKIE_SECRET: long }).key
    ).toBe(long)
  })
})
