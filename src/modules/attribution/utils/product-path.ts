import type { IncomingHttpHeaders } from "node:http"

/** The placeholders `product_path` may contain. */
export const PRODUCT_PATH_PLACEHOLDERS = ["handle", "id", "country"] as const

/**
 * Headers that CDNs and hosts set to the visitor's country (ISO 3166-1
 * alpha-2, upper case): Cloudflare, Vercel, Amazon CloudFront.
 */
export const DEFAULT_COUNTRY_HEADERS = [
  "cf-ipcountry",
  "x-vercel-ip-country",
  "cloudfront-viewer-country",
]

const COUNTRY = /^[a-z]{2}$/

/**
 * A two-letter country code, lower case, or null. `xx` is Cloudflare's
 * "unknown"; its `T1` (Tor) and anything else that is not two letters
 * (a list, a spoofed path) is refused by the pattern.
 */
export function normaliseCountry(value: unknown): string | null {
  if (typeof value !== "string") {
    return null
  }
  const code = value.trim().toLowerCase()
  return COUNTRY.test(code) && code !== "xx" ? code : null
}

export type CountryOptions = {
  country_headers: string[]
  countries?: string[]
  default_country?: string
}

/**
 * The country segment of a click's product URL: the first of
 * `country_headers` that holds a two-letter code the storefront serves
 * (`countries`, when given), else `default_country`. Synchronous and
 * allocation-light: it runs on every click.
 */
export function visitorCountry(
  headers: IncomingHttpHeaders,
  options: CountryOptions
): string | undefined {
  for (const name of options.country_headers) {
    const code = normaliseCountry(headers[name])
    if (code && (!options.countries || options.countries.includes(code))) {
      return code
    }
  }
  return options.default_country
}

/**
 * `product_path` with its placeholders filled, each value URL-encoded.
 * The path was checked at plugin load (only known placeholders; a
 * `{country}` path has a `default_country`).
 */
export function fillProductPath(
  template: string,
  values: { handle: string; id: string; country?: string }
): string {
  return template.replace(/\{(handle|id|country)\}/g, (_, key: string) =>
    encodeURIComponent(values[key as keyof typeof values] ?? "")
  )
}
