import { cleanText } from "../utils/clean-text"

describe("cleanText", () => {
  it("returns a clean value as it is (the same string)", () => {
    const v = "xhs-winter_2026 (小红书) ✓ 🎁"
    expect(cleanText(v, 200)).toBe(v)
  })

  it("removes NUL, C0 and C1 controls and DEL", () => {
    expect(cleanText("\u0000", 200)).toBeNull()
    expect(cleanText("a\u0000b\u0001c\tline\nnext\r\u001f", 200)).toBe(
      "abclinenext"
    )
    expect(cleanText("x\u007fy\u0080z\u009f!\u00a0", 200)).toBe("xyz!\u00a0")
  })

  it("removes lone surrogates and keeps pairs", () => {
    expect(cleanText("a\ud800b", 200)).toBe("ab")
    expect(cleanText("a\udc00b", 200)).toBe("ab")
    expect(cleanText("\ud83c\udf81\ud83c", 200)).toBe("\ud83c\udf81")
    expect(cleanText("\udf81\ud83c\udf81", 200)).toBe("\ud83c\udf81")
    expect(cleanText("\ud800\ud800\udc00", 200)).toBe("\ud800\udc00")
  })

  it("caps the length without splitting a pair", () => {
    expect(cleanText("a".repeat(300), 200)).toBe("a".repeat(200))
    expect(cleanText("ab🎁", 3)).toBe("ab")
    expect(cleanText("ab🎁", 4)).toBe("ab🎁")
    // Removed characters do not count.
    expect(cleanText("\u0000".repeat(5) + "abcdef", 3)).toBe("abc")
    expect(cleanText("ab\u0000cd\u0000ef", 4)).toBe("abcd")
  })

  it("gives null for what is not a string or leaves nothing", () => {
    expect(cleanText(undefined, 10)).toBeNull()
    expect(cleanText(["a", "b"], 10)).toBeNull()
    expect(cleanText(42, 10)).toBeNull()
    expect(cleanText("", 10)).toBeNull()
    expect(cleanText("\u0000\u0001\ud800", 10)).toBeNull()
  })

  it("leaves nothing PostgreSQL or a JSON encoder could refuse, whatever the input", () => {
    let seed = 7
    const rand = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff
      return seed
    }
    for (let n = 0; n < 2000; n++) {
      const len = rand() % 40
      let s = ""
      for (let k = 0; k < len; k++) {
        // Mostly the dangerous ranges: controls, C1, surrogates.
        const pick = rand() % 4
        const code =
          pick === 0
            ? rand() % 0x30
            : pick === 1
              ? 0x70 + (rand() % 0x40)
              : pick === 2
                ? 0xd800 + (rand() % 0x800)
                : rand() % 0x10000
        s += String.fromCharCode(code)
      }
      const max = 1 + (rand() % 30)
      const out = cleanText(s, max)
      if (out === null) {
        continue
      }
      expect(out.length).toBeLessThanOrEqual(max)
      for (let k = 0; k < out.length; k++) {
        const c = out.charCodeAt(k)
        expect(c < 0x20 || (c >= 0x7f && c <= 0x9f)).toBe(false)
      }
      // Well formed: encodes to UTF-8 and back unchanged.
      expect(Buffer.from(out, "utf8").toString("utf8")).toBe(out)
      expect(encodeURIComponent(out)).toBeTruthy() // throws on a lone surrogate
    }
  })

  it("is fast on the redirect's inputs", () => {
    const ua =
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15"
    const started = process.hrtime.bigint()
    for (let i = 0; i < 200_000; i++) {
      cleanText(ua, 512)
      cleanText("xhs", 200)
    }
    const ms = Number(process.hrtime.bigint() - started) / 1e6
    // About 1 µs per call; the bound only catches an accidental quadratic.
    expect(ms).toBeLessThan(2000)
  })
})
