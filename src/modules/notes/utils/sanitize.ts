// Note bodies (Markdown) are sanitised with a Markdown parser: see
// `markdown.ts`. Re-exported here, where the plain-text helpers live.
export { sanitizeMarkdown } from "./markdown"

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g

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
