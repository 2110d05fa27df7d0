import { createHmac } from "node:crypto"
import type { IncomingHttpHeaders } from "node:http"
import { isBot } from "./bots"
import { cleanText } from "./clean-text"
import type { ClickGuard } from "./click-guard"
import { mintClickId } from "./ids"
import {
  type CountryOptions,
  fillProductPath,
  visitorCountry,
} from "./product-path"

// The buy-link redirect without Medusa: what the Medusa route
// (src/api/r/[code]/route.ts) and the standalone edge (src/edge) both do
// once a code is resolved, so the two answer alike by construction.

export type DroppedReason =
  "head" | "bot" | "duplicate" | "burst" | "not_earning"

/** A click as the redirect hands it over: complete, id minted. */
export type ClickRecord = {
  id: string
  code: string
  note_id: string
  note_product_id: string
  buyer_id: string | null
  product_id: string
  variant_id: string | null
  visitor_id: string
  ip_hash: string
  user_agent: string | null
  referer: string | null
  utm_source: string | null
  utm_medium: string | null
  utm_campaign: string | null
  utm_term: string | null
  utm_content: string | null
  clicked_at: Date
  dropped_reason: DroppedReason | null
}

/** What a buy-link code leads to. */
export type ResolvedBuyLink = {
  code: string
  note_product_id: string
  note_id: string
  product_id: string
  variant_id: string | null
  handle: string
  buyer_id: string | null
  /** Whether clicks can earn: merchant notes never do; buyers must be approved. */
  earns: boolean
}

/** A code's row as both lookups read it (Medusa's query graph, the edge's SQL). */
export type BuyLinkRow = {
  id: string
  code: string
  note_id: string
  product_id: string
  variant_id: string | null
  note_status: string | null
  buyer_id: string | null
  buyer_status: string | null
  handle: string | null
  product_status: string | null
}

/**
 * The link a row leads to, or null: the note and the product must be
 * published (a draft or hidden note, an unpublished or deleted product
 * leads nowhere).
 */
export function buyLinkOf(row: BuyLinkRow | undefined): ResolvedBuyLink | null {
  if (
    !row ||
    row.note_status !== "published" ||
    row.product_status !== "published" ||
    row.handle === null
  ) {
    return null
  }
  return {
    code: row.code,
    note_product_id: row.id,
    note_id: row.note_id,
    product_id: row.product_id,
    variant_id: row.variant_id,
    handle: row.handle,
    buyer_id: row.buyer_id,
    earns: row.buyer_status === "approved",
  }
}

export const UTM = [
  "utm_source",
  "utm_medium",
  "utm_campaign",
  "utm_term",
  "utm_content",
] as const

/** The first-party visitor id the cookie may hold. */
export const VISITOR_ID = /^[A-Za-z0-9_-]{16,64}$/
const YEAR_SECONDS = 365 * 24 * 3600

/** The `Set-Cookie` value for a new visitor id (a year, HttpOnly, SameSite=Lax). */
export function visitorCookie(
  name: string,
  visitorId: string,
  secure: boolean
): string {
  return `${name}=${visitorId}; Max-Age=${YEAR_SECONDS}; Path=/; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`
}

/** Keyed hash of an IP address: the IP itself is never stored. */
export function hashIp(key: string, ip: string): string {
  return createHmac("sha256", key).update(ip).digest("hex").slice(0, 32)
}

export type ClassifyInput = {
  clickId: string
  method: string
  isBot: boolean
  visitorId: string
  noteId: string
  productId: string
  ipHash: string
  now: number
}

/**
 * Why a click does not count (or null), and the click id to send the
 * visitor on with. HEAD requests and bots first (they never reach the
 * burst and duplicate memory), then bursts per IP, then duplicates: a
 * duplicate is sent on with the id of the click that counted. Buyers who
 * may not earn are decided by the caller.
 */
export function classifyClick(
  guard: ClickGuard,
  dedupeWindowSeconds: number,
  input: ClassifyInput
): { reason: DroppedReason | null; ref: string } {
  if (input.method === "HEAD") {
    return { reason: "head", ref: input.clickId }
  }
  if (input.isBot) {
    return { reason: "bot", ref: input.clickId }
  }
  if (guard.isBurst(input.ipHash, input.now)) {
    return { reason: "burst", ref: input.clickId }
  }
  if (dedupeWindowSeconds > 0) {
    const original = guard.duplicateOf(
      `${input.visitorId}|${input.noteId}|${input.productId}`,
      input.now,
      input.clickId
    )
    if (original) {
      return { reason: "duplicate", ref: original }
    }
  }
  return { reason: null, ref: input.clickId }
}

export type RedirectOptions = CountryOptions & {
  storefront_url: string
  product_path: string
}

/** Where an unknown, malformed or failing link sends the visitor. */
export function storefrontHome(options: { storefront_url: string }): string {
  return new URL("/", options.storefront_url).toString()
}

/**
 * A resolved buy link's click and the Location to send the visitor to:
 * the storefront's product page (`product_path`, `{country}` from the
 * CDN's header only when the path has the placeholder) with
 * `ref={click_id}` and the request's utm parameters. Visitor-supplied
 * values are cleaned (`cleanText`: no NUL, control characters or lone
 * surrogates; cut to a length) before they are stored or echoed.
 */
export function planClick(input: {
  link: ResolvedBuyLink
  code: string
  method: string
  headers: IncomingHttpHeaders
  /** A query parameter as the server parsed it (a string, or anything else). */
  query: (name: string) => unknown
  visitorId: string
  ipHash: string
  now: number
  classify: (c: ClassifyInput) => { reason: DroppedReason | null; ref: string }
  options: RedirectOptions
}): { click: ClickRecord; location: string } {
  const { link, headers, options, now } = input
  const clickId = mintClickId(now)
  const userAgent = cleanText(headers["user-agent"], 512)
  const { reason, ref } = input.classify({
    clickId,
    method: input.method,
    isBot: isBot(userAgent),
    visitorId: input.visitorId,
    noteId: link.note_id,
    productId: link.product_id,
    ipHash: input.ipHash,
    now,
  })
  const utm = Object.fromEntries(
    UTM.map((k) => [k, cleanText(input.query(k), 200)])
  ) as Record<(typeof UTM)[number], string | null>

  const click: ClickRecord = {
    id: clickId,
    code: input.code,
    note_id: link.note_id,
    note_product_id: link.note_product_id,
    buyer_id: link.buyer_id,
    product_id: link.product_id,
    variant_id: link.variant_id,
    visitor_id: input.visitorId,
    ip_hash: input.ipHash,
    user_agent: userAgent,
    referer: cleanText(headers.referer, 1024),
    ...utm,
    clicked_at: new Date(now),
    // Links of merchant notes are tracked and count for reports; links
    // of buyers who are not approved are kept apart as not earning.
    dropped_reason:
      reason ?? (link.buyer_id && !link.earns ? "not_earning" : null),
  }

  const target = new URL(
    fillProductPath(options.product_path, {
      handle: link.handle,
      id: link.product_id,
      // From a CDN's header, so the shopper lands on the country's page
      // without the storefront's own redirect; only a two-letter code the
      // storefront serves is taken, else `default_country`. Headers are
      // read only when the path has the placeholder.
      country: options.product_path.includes("{country}")
        ? visitorCountry(headers, options)
        : undefined,
    }),
    options.storefront_url
  )
  target.searchParams.set("ref", ref)
  for (const k of UTM) {
    if (utm[k]) {
      target.searchParams.set(k, utm[k] as string)
    }
  }
  return { click, location: target.toString() }
}

/** The columns of a stored click, in insert order. */
export const CLICK_COLUMNS: (keyof ClickRecord)[] = [
  "id",
  "code",
  "note_id",
  "note_product_id",
  "buyer_id",
  "product_id",
  "variant_id",
  "visitor_id",
  "ip_hash",
  "user_agent",
  "referer",
  "utm_source",
  "utm_medium",
  "utm_campaign",
  "utm_term",
  "utm_content",
  "clicked_at",
  "dropped_reason",
]

/**
 * The click sink's insert of `count` clicks: a click already stored (a
 * re-delivered queue job, a retried batch) is skipped by its id.
 * `placeholder(i)` is the driver's i-th parameter (`?` for knex, `$i` for
 * pg); the bindings are `clickBindings`.
 */
export function clickInsertSql(
  count: number,
  placeholder: (i: number) => string
): string {
  let i = 0
  const rows: string[] = []
  for (let r = 0; r < count; r++) {
    const cells = CLICK_COLUMNS.map(() => placeholder(++i))
    rows.push(`(${cells.join(", ")}, now(), now())`)
  }
  return `INSERT INTO referral_click (${CLICK_COLUMNS.join(", ")}, created_at, updated_at)
       VALUES ${rows.join(", ")}
       ON CONFLICT (id) DO NOTHING
       RETURNING id`
}

export function clickBindings(clicks: ClickRecord[]): unknown[] {
  const bindings: unknown[] = []
  for (const c of clicks) {
    for (const col of CLICK_COLUMNS) {
      bindings.push(c[col] ?? null)
    }
  }
  return bindings
}
