import { mintBuyLinkCode, BUY_LINK_CODE_PATTERN } from "../utils/buy-link-code"
import { buyUrl, parseNotesOptions } from "../utils/options"
import { Marked } from "marked"
import { renderNoteHtml } from "../utils/markdown"
import {
  normalizeTags,
  sanitizeMarkdown,
  sanitizePlainText,
} from "../utils/sanitize"

const render = (md: string) => new Marked().parse(md) as string

describe("sanitizeMarkdown", () => {
  it("keeps Markdown and removes raw HTML", () => {
    expect(
      sanitizeMarkdown("**bold** <b>x</b> <script>alert(1)</script>")
    ).toBe("**bold** x alert(1)")
  })

  it("does not let nested tags reassemble", () => {
    const out = sanitizeMarkdown("<scr<script>ipt>alert(1)</scr</script>ipt>")
    // What is left is escaped text: shown, never run.
    expect(out).toBe("\\<script>alert(1)\\</script>")
    expect(render(out)).not.toMatch(/<script/i)
  })

  it("neutralises script link targets, keeping the link text", () => {
    const out = sanitizeMarkdown(
      "[a](javascript:alert(1)) [b](java&#115;cript:x) [c](javascript\\:x)"
    )
    expect(out).toBe("a b c")
    expect(sanitizeMarkdown("![i](data:text/html;base64,xx)")).toBe("i")
    expect(sanitizeMarkdown("<javascript:alert(1)>")).toBe(
      "javascript:alert(1)"
    )
    expect(render(sanitizeMarkdown("[r]\n\n[r]: javascript:alert(1)"))).toBe(
      "<p>r</p>\n"
    )
  })

  it("keeps allowed links and images, written unambiguously", () => {
    expect(
      sanitizeMarkdown(
        "[shop](https://x.test/?a=1&b=2) [me](mailto:a@x.test) ![p](/a.png)"
      )
    ).toBe(
      "[shop](https://x.test/?a=1&amp;b=2) [me](mailto:a@x.test) ![p](/a.png)"
    )
    expect(render(sanitizeMarkdown("[w](https://x.test/a_(b))"))).toBe(
      '<p><a href="https://x.test/a_%28b%29">w</a></p>\n'
    )
  })

  it("keeps text that merely looks like comparison", () => {
    const out = sanitizeMarkdown("a < b and c > d, 3<4")
    // `<` before a non-space could open a tag: escaped, same text shown.
    expect(out).toBe("a < b and c > d, 3\\<4")
    expect(render(out)).toBe(render("a < b and c > d, 3<4"))
  })

  it("keeps CJK text and normalises newlines", () => {
    expect(sanitizeMarkdown("这款面霜\r\n很好用")).toBe("这款面霜\n很好用")
  })

  it("is idempotent", () => {
    const once = sanitizeMarkdown(
      '# T\n\n- [x] a <b>b</b>\n- `c` [d](https://x.test "t")\n\n> e & f\n\n| g | h |\n|---|---|\n| 1 | 2 |'
    )
    expect(sanitizeMarkdown(once)).toBe(once)
  })
})

describe("renderNoteHtml", () => {
  it("renders links for user-generated content and escapes HTML", () => {
    expect(renderNoteHtml("**hi** [shop](https://shop.example) <b>x</b>")).toBe(
      '<p><strong>hi</strong> <a href="https://shop.example" rel="nofollow ugc noopener">shop</a> &lt;b&gt;x&lt;/b&gt;</p>\n'
    )
  })

  it("re-checks every target, even in a body that was never sanitised", () => {
    expect(
      renderNoteHtml("[a](java&#115;cript:alert(1)) ![b](javascript:x)")
    ).toBe("<p>a b</p>\n")
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
    // Other modules' options are ignored; every option has its default.
    const parsed = parseNotesOptions({ other_module_option: 1 })
    expect(parsed).not.toHaveProperty("other_module_option")
    expect(parsed).toMatchObject({
      search_count_cap: 2000,
      search_rank_block: 200,
    })
    expect(parsed.trending).toEqual({
      like_weight: 1,
      save_weight: 2,
      comment_weight: 3,
      click_weight: 0.5,
      order_weight: 5,
      tau_seconds: 86_400,
    })
    expect(() => parseNotesOptions({ search_count_cap: 5 })).toThrow(
      /search_count_cap/
    )
    expect(() => parseNotesOptions({ trending: { save_weight: -1 } })).toThrow(
      /trending\.save_weight/
    )
    expect(() => parseNotesOptions({ trending: { tau_seconds: 60 } })).toThrow(
      /trending\.tau_seconds/
    )
    expect(() => parseNotesOptions({ trending: { likes: 1 } })).toThrow(
      /trending/
    )
  })
})
