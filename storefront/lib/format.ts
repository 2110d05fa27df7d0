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

/**
 * Money the plugin answers as a decimal string (`"3.6"`, `"-12.5"`),
 * formatted exactly: Intl takes the string as a decimal, never a float.
 */
export function formatMoney(
  amount: string,
  currencyCode: string,
  locale = "en"
): string {
  return new Intl.NumberFormat(locale, {
    style: "currency",
    currency: currencyCode.toUpperCase(),
  }).format(amount as Intl.StringNumericLiteral)
}

/** A date or date-time as a short local date (`5 Dec 2026`). */
export function formatDate(iso: string | null | undefined, locale = "en-GB") {
  return iso
    ? new Intl.DateTimeFormat(locale, { dateStyle: "medium" }).format(
        new Date(iso)
      )
    : "—"
}

/** A ratio the plugin answers as a decimal string (`"0.25"`) as `25%`. */
export function formatPercent(ratio: string | null, locale = "en"): string {
  return ratio === null
    ? "—"
    : new Intl.NumberFormat(locale, {
        style: "percent",
        maximumFractionDigits: 1,
      }).format(ratio as Intl.StringNumericLiteral)
}
