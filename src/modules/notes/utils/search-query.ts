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

export type CjkRun = {
  /** The run itself (NFC), for the exact substring check of 3+ characters. */
  text: string
  /**
   * The run's bigrams separated by spaces, or the single character of a
   * one-character run: fed to `plainto_tsquery('simple', …)`, which ANDs them.
   */
  grams: string
}

export type ParsedSearch = {
  /** Non-CJK text (NFKC), fed to `websearch_to_tsquery('english', …)`. */
  latin: string
  cjk: CjkRun[]
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
  // NFC for CJK (NFKC would fold compatibility ideographs that the index
  // keeps as written); NFKC for the rest, so full-width Latin matches.
  const nfc = q.normalize("NFC").trim()
  const cjk = (nfc.match(CJK_RUN) ?? []).map((text) => ({
    text,
    grams: cjkBigrams(text),
  }))
  const latin = nfc
    .replace(CJK_RUN, " ")
    .normalize("NFKC")
    .replace(/\s+/g, " ")
    .trim()
  return { latin, cjk }
}
