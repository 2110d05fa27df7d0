/**
 * What the redirect keeps of a visitor-supplied string (a utm value, the
 * referer, the user agent): control characters (C0 including NUL, DEL, C1)
 * and lone UTF-16 surrogates are removed, and the result is cut to `max`
 * UTF-16 code units without splitting a surrogate pair. PostgreSQL refuses a
 * NUL in text, so one such click used to fail the whole batch it was written
 * with. Not a string, or nothing left: `null`.
 *
 * One pass, and no allocation for a value that is already clean and short
 * enough (the common case): the redirect is a hot path.
 *
 * @example
 * cleanText("xhs\u0000", 200) // "xhs"
 * cleanText("a".repeat(300), 200) // "aaa…" (200 characters)
 */
export function cleanText(value: unknown, max: number): string | null {
  if (typeof value !== "string") {
    return null
  }
  const n = value.length
  let out = ""
  // value[run, i) is kept and not yet copied to `out`.
  let run = 0
  let i = 0
  while (i < n) {
    const room = max - out.length - (i - run)
    if (room <= 0) {
      break
    }
    const c = value.charCodeAt(i)
    if (c >= 0x20 && c < 0x7f) {
      i++
      continue
    }
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = i + 1 < n ? value.charCodeAt(i + 1) : 0
      if (next >= 0xdc00 && next <= 0xdfff) {
        if (room < 2) {
          break
        }
        i += 2
        continue
      }
    } else if (c > 0x9f && (c < 0xdc00 || c > 0xdfff)) {
      i++
      continue
    }
    // A control character or a lone surrogate: skip it.
    out += value.slice(run, i)
    i++
    run = i
  }
  if (run === 0 && i === n) {
    return n ? value : null
  }
  out += value.slice(run, i)
  return out || null
}
