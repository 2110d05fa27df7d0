/** The longest comment body, in characters (Unicode code points). */
export const COMMENT_BODY_MAX = 1_000

// Control characters but tab and line feed (carriage returns are turned
// into line feeds first), C1 controls included.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g

/**
 * A comment body as stored: plain text that keeps its lines. Line breaks
 * are normalised to `\n`, control characters removed, unpaired surrogates
 * replaced (U+FFFD), more than one empty line in a row collapsed into one,
 * and the whole trimmed. Never HTML: it is stored and answered as text, and
 * a storefront must render it as text.
 */
export function sanitizeCommentBody(input: string): string {
  return (input as unknown as { toWellFormed(): string })
    .toWellFormed()
    .replace(/\r\n?/g, "\n")
    .replace(CONTROL, "")
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim()
}

/** Length as a reader counts characters: code points, not UTF-16 units. */
export function commentLength(body: string): number {
  let n = 0
  for (const _ of body) {
    n++
  }
  return n
}
