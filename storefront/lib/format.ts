/**
 * A price as the shopper reads it, in the note's language. Amounts come
 * from Medusa in the currency's main unit (`calculated_amount`), so only
 * display formatting happens here, no arithmetic.
 */
export function formatPrice(
  amount: number,
  currencyCode: string,
  locale: string | null | undefined
): string {
  return new Intl.NumberFormat(locale ?? "en", {
    style: "currency",
    currency: currencyCode.toUpperCase(),
  }).format(amount)
}

/** The HTML `lang` of a note: its locale, else English. */
export function htmlLang(locale: string | null | undefined): string {
  return locale && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(locale)
    ? locale
    : "en"
}

/** A plain-text description from a note's Markdown body, for meta tags. */
export function excerpt(body: string, max = 160): string {
  const text = body
    .replace(/!\[[^\]]*\]\([^)]*\)/g, "")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[#>*_`~-]+/g, " ")
    .replace(/\s+/g, " ")
    .trim()
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}
