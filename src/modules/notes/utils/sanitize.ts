/**
 * Note bodies are Markdown. Raw HTML is not allowed in them: tags and
 * comments are removed on write, and link or image targets with a script
 * scheme are neutralised, so a storefront can render the body with any
 * Markdown renderer (HTML disabled or not) without an XSS hole.
 */
const HTML_COMMENT = /<!--[\s\S]*?(-->|$)/g
const HTML_TAG = /<\/?[A-Za-z][A-Za-z0-9-]*(\s[^<>]*)?\/?>/g
const UNSAFE_LINK = /\]\(\s*<?\s*(javascript|vbscript|data)\s*:/gi
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g

export function sanitizeMarkdown(input: string): string {
  let out = input.replace(CONTROL, "").replace(/\r\n?/g, "\n")
  let previous: string
  // Repeat until stable so that nested tricks such as `<scr<b>ipt>` do not
  // reassemble into a tag after one pass.
  do {
    previous = out
    out = out.replace(HTML_COMMENT, "").replace(HTML_TAG, "")
  } while (out !== previous)
  return out.replace(UNSAFE_LINK, "](#").trim()
}

/** Plain one-line text (titles, captions): control characters removed, trimmed. */
export function sanitizePlainText(input: string): string {
  return input.replace(CONTROL, "").replace(/\s+/g, " ").trim()
}

/**
 * Tags are compared as the reader types them: without a leading `#`, case
 * folded, inner whitespace collapsed; duplicates removed, order kept.
 */
export function normalizeTags(tags: string[]): string[] {
  const seen = new Set<string>()
  const out: string[] = []
  for (const raw of tags) {
    const tag = sanitizePlainText(raw).replace(/^#+/, "").toLowerCase().trim()
    if (tag && !seen.has(tag)) {
      seen.add(tag)
      out.push(tag)
    }
  }
  return out
}
