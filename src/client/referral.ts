/**
 * Referral helpers for a storefront: a buy link (`/r/{code}`) lands on the
 * storefront with `?ref={click_id}`; the storefront keeps the click in a
 * first-party cookie for the attribution window and puts it on the cart
 * (`metadata.referral_click_id` when creating it, or the referral route for
 * a cart that already exists). Pure functions, browser and server alike;
 * only `rememberReferral`, `forgetReferral` and `captureReferral` touch
 * `document.cookie`.
 */

/** The query parameter the redirect puts the click id in. */
export const REFERRAL_PARAM = "ref"
/** The cookie the helpers keep the click id in, unless told otherwise. */
export const REFERRAL_COOKIE = "notes_ref"
/** The cart metadata key the plugin reads the click id from. */
export const REFERRAL_METADATA_KEY = "referral_click_id"
/** The plugin's default `attribution_window_days`. */
export const DEFAULT_ATTRIBUTION_WINDOW_DAYS = 30

// The API's rule for a click id (src/api/store/carts/validators.ts):
// `click_` and 26 characters of a ULID, after trimming.
const CLICK_ID = /^click_[0-9A-Z]{26}$/
// The first 10 characters of the ULID are its milliseconds, in Crockford's
// base32 (src/modules/attribution/utils/ids.ts).
const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
const DAY_MS = 86_400_000

export type ReferralOptions = {
  /** The cookie's name (default `notes_ref`). */
  cookieName?: string
  /**
   * The attribution window in days (default 30). Keep it equal to the
   * plugin's `attribution_window_days`: the order-time decision credits
   * only clicks inside it, counted from the click.
   */
  windowDays?: number
  /** The current time in ms (default `Date.now()`). */
  now?: number
}

export type ReferralCookieOptions = ReferralOptions & {
  /**
   * `Secure` attribute. Default: true when the page is served over https
   * (in a browser); on a server, pass it (for example
   * `request.nextUrl.protocol === "https:"`).
   */
  secure?: boolean
  /** A `Domain` attribute, to share the cookie with subdomains. */
  domain?: string
}

/**
 * A cookie as Next.js' `cookies().set(...)` and most cookie libraries take
 * it. Not `httpOnly`: the browser helpers read it from `document.cookie`.
 */
export type ReferralCookie = {
  name: string
  value: string
  /** Seconds. */
  maxAge: number
  expires: Date
  path: "/"
  sameSite: "lax"
  secure: boolean
  domain?: string
}

/** Where cookies can be read from: a `Cookie` header, or a cookie store. */
export type CookieSource =
  string | { get(name: string): { value: string } | undefined }

/** Where a landing page's `ref` can be read from. */
export type RefSource =
  string | URL | URLSearchParams | Record<string, string | string[] | undefined>

type BrowserGlobals = {
  document?: { cookie: string }
  location?: { href: string; protocol: string }
}
const browser = () => globalThis as unknown as BrowserGlobals

/**
 * The click id in `value` if it has the shape the API accepts (trimmed),
 * otherwise null.
 *
 * @example
 * parseRef(" click_01J9Z7Y6X5W4V3T2S1R0QPNMKH ") // "click_01J9Z7Y6X5W4V3T2S1R0QPNMKH"
 * parseRef("click_1'--") // null
 */
export function parseRef(value: unknown): string | null {
  if (typeof value !== "string") {
    return null
  }
  const ref = value.trim()
  return CLICK_ID.test(ref) ? ref : null
}

/**
 * When the redirect minted a click id (ms since the epoch), read from its
 * ULID; null when the id is not a click id or its time is not base32.
 */
export function clickTime(ref: string): number | null {
  const id = parseRef(ref)
  if (!id) {
    return null
  }
  let t = 0
  for (const ch of id.slice(6, 16)) {
    const digit = CROCKFORD.indexOf(ch)
    if (digit < 0) {
      return null
    }
    t = t * 32 + digit
  }
  return t
}

const windowMs = (opts: ReferralOptions) =>
  (opts.windowDays ?? DEFAULT_ATTRIBUTION_WINDOW_DAYS) * DAY_MS

/**
 * How long (ms) a click still counts: the window from the click's own
 * time, as the order-time decision measures it. A click id whose time
 * cannot be read gets the whole window (the API judges it); one from the
 * future (a clock behind the server's) counts from now.
 */
function remainingMs(ref: string, opts: ReferralOptions): number {
  const now = opts.now ?? Date.now()
  const minted = clickTime(ref)
  const age = minted === null ? 0 : Math.max(0, now - minted)
  return Math.max(0, windowMs(opts) - age)
}

/**
 * The click id if it has the API's shape and is still inside the
 * attribution window, otherwise null.
 */
export function validRef(
  value: unknown,
  opts: ReferralOptions = {}
): string | null {
  const ref = parseRef(value)
  return ref && remainingMs(ref, opts) > 0 ? ref : null
}

/**
 * The `ref` of a landing URL: a URL (absolute or a path), its search
 * params, or Next.js' `searchParams` object. When it appears more than
 * once, the last valid one; garbage and expired clicks give null.
 *
 * @example
 * refFromUrl("https://shop.example/products/cream?ref=click_01J9…") // "click_01J9…"
 */
export function refFromUrl(
  source: RefSource,
  opts: ReferralOptions = {}
): string | null {
  let values: unknown[]
  if (typeof source === "string" || source instanceof URL) {
    let url: URL
    try {
      url = new URL(source.toString(), "http://localhost")
    } catch {
      return null
    }
    values = url.searchParams.getAll(REFERRAL_PARAM)
  } else if (source instanceof URLSearchParams) {
    values = source.getAll(REFERRAL_PARAM)
  } else {
    const v = source[REFERRAL_PARAM]
    values = Array.isArray(v) ? v : [v]
  }
  for (let i = values.length - 1; i >= 0; i--) {
    const ref = validRef(values[i], opts)
    if (ref) {
      return ref
    }
  }
  return null
}

/**
 * The cookie that keeps `ref` until the click's attribution window ends;
 * null for a bad or expired ref. For Next.js:
 * `const c = referralCookie(ref, { secure }); if (c) response.cookies.set(c)`.
 */
export function referralCookie(
  ref: string,
  opts: ReferralCookieOptions = {}
): ReferralCookie | null {
  const id = parseRef(ref)
  const left = id ? remainingMs(id, opts) : 0
  if (!id || left <= 0) {
    return null
  }
  const now = opts.now ?? Date.now()
  const maxAge = Math.floor(left / 1000)
  return {
    name: opts.cookieName ?? REFERRAL_COOKIE,
    value: id,
    maxAge,
    expires: new Date(now + maxAge * 1000),
    path: "/",
    sameSite: "lax",
    secure: opts.secure ?? browser().location?.protocol === "https:",
    ...(opts.domain ? { domain: opts.domain } : {}),
  }
}

function serialize(c: Omit<ReferralCookie, "sameSite" | "path">): string {
  return [
    `${c.name}=${c.value}`,
    `Max-Age=${c.maxAge}`,
    `Expires=${c.expires.toUTCString()}`,
    "Path=/",
    ...(c.domain ? [`Domain=${c.domain}`] : []),
    "SameSite=Lax",
    ...(c.secure ? ["Secure"] : []),
  ].join("; ")
}

/**
 * `referralCookie` as a `Set-Cookie` header value (also what
 * `document.cookie` takes); null for a bad or expired ref.
 */
export function serializeReferralCookie(
  ref: string,
  opts: ReferralCookieOptions = {}
): string | null {
  const c = referralCookie(ref, opts)
  return c ? serialize(c) : null
}

/** A `Set-Cookie` value that deletes the referral cookie. */
export function clearReferralCookie(opts: ReferralCookieOptions = {}): string {
  return serialize({
    name: opts.cookieName ?? REFERRAL_COOKIE,
    value: "",
    maxAge: 0,
    expires: new Date(0),
    secure: opts.secure ?? browser().location?.protocol === "https:",
    domain: opts.domain,
  })
}

function cookieValues(header: string, name: string): string[] {
  const out: string[] = []
  for (const part of header.split(";")) {
    const eq = part.indexOf("=")
    if (eq < 0 || part.slice(0, eq).trim() !== name) {
      continue
    }
    let value = part.slice(eq + 1).trim()
    if (value.startsWith('"') && value.endsWith('"') && value.length > 1) {
      value = value.slice(1, -1)
    }
    try {
      out.push(decodeURIComponent(value))
    } catch {
      // A malformed escape is garbage like any other bad value.
    }
  }
  return out
}

/**
 * The kept click id, or null (none, garbage, or outside the window). Reads
 * a `Cookie` header string (a server), a cookie store with `get(name)`
 * (Next.js' `cookies()`), or, given nothing, `document.cookie`.
 *
 * @example
 * readReferral(request.headers.get("cookie") ?? "")
 * readReferral(await cookies())
 * readReferral() // in the browser
 */
export function readReferral(
  source?: CookieSource,
  opts: ReferralOptions = {}
): string | null {
  const name = opts.cookieName ?? REFERRAL_COOKIE
  let values: string[]
  if (source === undefined) {
    const doc = browser().document
    values = doc ? cookieValues(doc.cookie, name) : []
  } else if (typeof source === "string") {
    values = cookieValues(source, name)
  } else {
    const c = source.get(name)
    values = c ? [c.value] : []
  }
  // Browsers send the cookie of the most specific path first.
  for (const v of values) {
    const ref = validRef(v, opts)
    if (ref) {
      return ref
    }
  }
  return null
}

/**
 * Browser: keeps `ref` in the cookie (a later click replaces an earlier
 * one: the last click wins, as in the order-time decision). False, and
 * nothing written, for a bad or expired ref or outside a browser.
 */
export function rememberReferral(
  ref: string,
  opts: ReferralCookieOptions = {}
): boolean {
  const doc = browser().document
  const cookie = serializeReferralCookie(ref, opts)
  if (!doc || !cookie) {
    return false
  }
  doc.cookie = cookie
  return true
}

/** Browser: deletes the referral cookie (say, once the order is placed). */
export function forgetReferral(opts: ReferralCookieOptions = {}): void {
  const doc = browser().document
  if (doc) {
    doc.cookie = clearReferralCookie(opts)
  }
}

/**
 * Browser, on any landing page: keeps the URL's `ref` (default: the
 * current page) and answers the click to carry: the new one, else the one
 * kept before, else null.
 */
export function captureReferral(
  url?: RefSource,
  opts: ReferralCookieOptions = {}
): string | null {
  const source = url ?? browser().location?.href
  const ref = source === undefined ? null : refFromUrl(source, opts)
  if (ref) {
    rememberReferral(ref, opts)
    return ref
  }
  return readReferral(undefined, opts)
}

/**
 * Metadata to create a cart with, carrying the click: spread it into the
 * cart's `metadata`. Empty for a missing, bad or expired ref.
 *
 * @example
 * await sdk.store.cart.create({ region_id, metadata: { ...cartMetadata(readReferral()) } })
 */
export function cartMetadata(
  ref: string | null | undefined,
  opts: ReferralOptions = {}
): { referral_click_id?: string } {
  const id = validRef(ref, opts)
  return id ? { [REFERRAL_METADATA_KEY]: id } : {}
}
