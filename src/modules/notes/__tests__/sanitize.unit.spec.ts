import { mintBuyLinkCode, BUY_LINK_CODE_PATTERN } from "../utils/buy-link-code"
import { buyUrl, parseNotesOptions } from "../utils/options"
import {
  normalizeTags,
  sanitizeMarkdown,
  sanitizePlainText,
} from "../utils/sanitize"

describe("sanitizeMarkdown", () => {
  it("keeps Markdown and removes raw HTML", () => {
    expect(
      sanitizeMarkdown("**bold** <b>x</b> <script>alert(1)</script>")
    ).toBe("**bold** x alert(1)")
  })

  it("does not let nested tags reassemble", () => {
    const out = sanitizeMarkdown("<scr<script>ipt>alert(1)</scr</script>ipt>")
    expect(out).not.toMatch(/<script/i)
  })

  it("neutralises script link targets", () => {
    expect(
      sanitizeMarkdown("[a](javascript:alert(1)) [b]( JavaScript :x)")
    ).not.toMatch(/javascript\s*:/i)
    expect(sanitizeMarkdown("![i](data:text/html;base64,xx)")).toBe(
      "![i](#text/html;base64,xx)"
    )
  })

  it("keeps text that merely looks like comparison", () => {
    expect(sanitizeMarkdown("a < b and c > d, 3<4")).toBe(
      "a < b and c > d, 3<4"
    )
  })

  it("keeps CJK text and normalises newlines", () => {
    expect(sanitizeMarkdown("这款面霜\r\n很好用")).toBe("这款面霜\n很好用")
  })
})

describe("sanitizePlainText and normalizeTags", () => {
  it("collapses whitespace and removes control characters", () => {
    expect(sanitizePlainText("  a\u0000b \n c ")).toBe("ab c")
  })

  it("folds tags: no #, lower case, unique, order kept", () => {
    expect(
      normalizeTags(["#SkinCare", "skincare", " 护肤 ", "##Night", ""])
    ).toEqual(["skincare", "护肤", "night"])
  })
})

describe("buy links", () => {
  it("mints 12-character base62 codes that do not repeat", () => {
    const codes = new Set(Array.from({ length: 5000 }, () => mintBuyLinkCode()))
    expect(codes.size).toBe(5000)
    for (const c of codes) {
      expect(c).toMatch(BUY_LINK_CODE_PATTERN)
    }
  })

  it("spreads characters evenly (no modulo bias)", () => {
    const counts = new Map<string, number>()
    for (let i = 0; i < 4000; i++) {
      for (const ch of mintBuyLinkCode()) {
        counts.set(ch, (counts.get(ch) ?? 0) + 1)
      }
    }
    // 48,000 characters over 62 symbols: about 774 each.
    expect(counts.size).toBe(62)
    for (const n of counts.values()) {
      expect(n).toBeGreaterThan(600)
      expect(n).toBeLessThan(950)
    }
  })

  it("builds absolute or relative buy URLs from options", () => {
    expect(buyUrl({ buy_link_base_url: "https://shop.example/" }, "abc")).toBe(
      "https://shop.example/r/abc"
    )
    expect(buyUrl({}, "abc")).toBe("/r/abc")
  })

  it("rejects a bad option with a message naming it", () => {
    expect(() => parseNotesOptions({ buy_link_base_url: "ftp://x" })).toThrow(
      /buy_link_base_url/
    )
    expect(parseNotesOptions({ other_module_option: 1 })).toEqual({
      search_count_cap: 2000,
      search_rank_block: 200,
    })
    expect(() => parseNotesOptions({ search_count_cap: 5 })).toThrow(
      /search_count_cap/
    )
  })
})
