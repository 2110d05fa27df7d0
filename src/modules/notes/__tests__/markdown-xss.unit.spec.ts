import { renderNoteHtml, sanitizeMarkdown } from "../utils/markdown"
import {
  RENDERERS,
  canonicalHtml,
  htmlViolations,
  visibleText,
} from "./fixtures/html-safety"
import { BENIGN_NOTES, XSS_VECTORS } from "./fixtures/markdown-xss"

describe("the XSS corpus", () => {
  it("holds at least 60 distinct vectors", () => {
    expect(XSS_VECTORS.length).toBeGreaterThanOrEqual(60)
    expect(new Set(XSS_VECTORS.map((v) => v.md)).size).toBe(XSS_VECTORS.length)
  })

  it("is live: unsanitised, marked's defaults turn most vectors into script", () => {
    // Proves the checker can fail: the raw bodies are unsafe under marked.
    const live = XSS_VECTORS.filter(
      (v) => htmlViolations(RENDERERS.marked(v.md)).length > 0
    )
    expect(live.length).toBeGreaterThanOrEqual(60)
    // The bypasses of the old regex sanitiser are among them.
    for (const md of [
      "[x](java&#115;cript:alert(1))",
      "[x](&#106;avascript:alert(1))",
      "[x](javascript\\:alert(1))",
      "[r]\n\n[r]: javascript:alert(1)",
      "<javascript:alert(1)>",
      "[a](javas&#x09;cript:alert(1))",
      "<details open ontoggle=alert(1)>",
    ]) {
      expect(htmlViolations(RENDERERS.marked(md))).not.toEqual([])
    }
  })

  it("flags what a browser would run", () => {
    expect(htmlViolations('<a href=" &#x6A;avascript:x">a</a>')).toEqual([
      'href=" javascript:x" on <a>',
    ])
    expect(htmlViolations('<p onclick="x">a</p>')).toEqual([
      "onclick attribute on <p>",
    ])
    expect(htmlViolations("<svg></svg>")).toContain("<svg> element")
    expect(
      htmlViolations('<a href="/x">a</a><img src="https://x/a.png">')
    ).toEqual([])
  })
})

describe.each(XSS_VECTORS)("vector: $name", ({ md }) => {
  const clean = sanitizeMarkdown(md)

  it.each(Object.keys(RENDERERS))("sanitised body is safe in %s", (name) => {
    expect(htmlViolations(RENDERERS[name](clean))).toEqual([])
  })

  it("body_html is safe, from the sanitised and from the raw body", () => {
    expect(htmlViolations(renderNoteHtml(clean))).toEqual([])
    expect(htmlViolations(renderNoteHtml(md))).toEqual([])
  })

  it("sanitising is idempotent", () => {
    expect(sanitizeMarkdown(clean)).toBe(clean)
  })
})

describe.each(BENIGN_NOTES)("benign note: $name", ({ md, gfmAutolinks }) => {
  const clean = sanitizeMarkdown(md)

  it("renders the same in marked", () => {
    expect(canonicalHtml(RENDERERS.marked(clean))).toBe(
      canonicalHtml(RENDERERS.marked(md))
    )
  })

  it("renders the same in markdown-it", () => {
    const [after, before] = [clean, md].map(RENDERERS["markdown-it"])
    if (gfmAutolinks) {
      expect(visibleText(after)).toBe(visibleText(before))
    } else {
      expect(canonicalHtml(after)).toBe(canonicalHtml(before))
    }
  })

  it("body_html renders as marked does", () => {
    expect(canonicalHtml(renderNoteHtml(clean))).toBe(
      canonicalHtml(RENDERERS.marked(md))
    )
    expect(visibleText(renderNoteHtml(clean))).toBe(
      visibleText(RENDERERS.marked(md))
    )
  })
})

describe("adversarial bodies (20,000 characters)", () => {
  const pad = (s: string) =>
    (s + " x".repeat(Math.max(0, (20000 - s.length) / 2))).slice(0, 20000)
  // Each took marked's lexer from seconds to minutes, or overflowed its stack.
  const bodies: Record<string, string> = {
    "unclosed link openers": "[a](".repeat(5000),
    "padded unclosed link openers": pad("[a](".repeat(300)),
    "balanced parentheses in openers": pad("[a](()".repeat(300)),
    "emphasis delimiters": pad("*a **b ".repeat(2800)),
    "nested blockquotes": "> ".repeat(10000),
    "nested lists": "- ".repeat(10000),
    "code span openers": "`a".repeat(10000),
  }

  it.each(Object.keys(bodies))("%s: bounded, safe, idempotent", (name) => {
    const started = Date.now()
    const clean = sanitizeMarkdown(bodies[name])
    const html = renderNoteHtml(clean)
    // Generous for slow CI machines; these took 4 s to minutes unguarded.
    expect(Date.now() - started).toBeLessThan(2000)
    expect(htmlViolations(html)).toEqual([])
    expect(sanitizeMarkdown(clean)).toBe(clean)
  })
})
