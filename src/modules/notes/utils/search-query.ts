/**
 * Splits a search string into the two parts our search index understands:
 * Latin-script words (English full text, stemmed) and runs of CJK characters
 * (indexed as overlapping bigrams plus single characters, because Chinese and
 * Japanese are written without spaces). Pure: no I/O.
 */

// Hiragana, Katakana, CJK Ext. A, CJK Unified Ideographs, Hangul syllables and
// CJK compatibility ideographs. Keep in sync with the SQL function
// `notes_cjk_tokens` in the search migration.
export const CJK_CLASS =
  "\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uac00-\\ud7af\\uf900-\\ufaff"

const CJK_RUN = new RegExp(`[${CJK_CLASS}]+`, "gu")

export type ParsedSearch = {
  /** Non-CJK text, fed to `websearch_to_tsquery('english', …)`. */
  latin: string
  /**
   * One entry per CJK run: the run's bigrams separated by spaces (fed to
   * `phraseto_tsquery('simple', …)`, so the bigrams must be adjacent), or the
   * single character for a one-character run.
   */
  cjk: string[]
}

export function cjkBigrams(run: string): string {
  const chars = Array.from(run)
  if (chars.length === 1) {
    return chars[0]
  }
  const grams: string[] = []
  for (let i = 0; i < chars.length - 1; i++) {
    grams.push(chars[i] + chars[i + 1])
  }
  return grams.join(" ")
}

export function parseSearch(q: string): ParsedSearch {
  const normalized = q.normalize("NFKC").trim()
  const cjk = (normalized.match(CJK_RUN) ?? []).map(cjkBigrams)
  const latin = normalized.replace(CJK_RUN, " ").replace(/\s+/g, " ").trim()
  return { latin, cjk }
}
