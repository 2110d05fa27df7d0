import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ATTRIBUTION_MODULE } from "../../../modules/attribution"
import type AttributionModuleService from "../../../modules/attribution/service"
import { isBot } from "../../../modules/attribution/utils/bots"
import { cleanText } from "../../../modules/attribution/utils/clean-text"
import { mintClickId } from "../../../modules/attribution/utils/ids"
import {
  fillProductPath,
  visitorCountry,
} from "../../../modules/attribution/utils/product-path"
import { BUY_LINK_CODE_PATTERN } from "../../../modules/notes/utils/buy-link-code"
import { buyLinkResolver } from "../../../utils/buy-link-resolver"
import { visitorIdOf } from "../../utils/visitor"

const UTM = [
  "utm_source",
  "utm_medium",
  "utm_campaign",
  "utm_term",
  "utm_content",
] as const

/**
 * What a click keeps of a visitor-supplied value: no NUL, control
 * characters or lone surrogates, at most `max` characters (one pass).
 * PostgreSQL refuses a NUL in text; the sink isolates such a row, but the
 * click would be lost for reports, so the redirect cleans first.
 */
const clip = cleanText

/**
 * A bare 302: Express's `res.redirect` negotiates a response body for every
 * call, which the redirect's profile showed as a sizeable cost.
 */
function found(res: MedusaResponse, location: string) {
  res.statusCode = 302
  res.setHeader("Location", location)
  res.setHeader("Content-Length", "0")
  res.end()
}

/**
 * `GET /r/{code}` (and HEAD): a buy link. Answers 302 to the storefront's
 * product page with `ref={click_id}` and the request's utm parameters, after
 * handing the click to the click sink (which writes it in batches: the
 * redirect never waits for PostgreSQL). The target origin comes only from the
 * `storefront_url` option. An unknown, malformed, unpublished or hidden code
 * answers 302 to the storefront home and records nothing. Never a 5xx: any
 * failure still sends the visitor to the storefront.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const attribution =
    req.scope.resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
  const options = attribution.getOptions()
  const home = new URL("/", options.storefront_url).toString()
  res.setHeader("Cache-Control", "no-store")
  res.setHeader("Referrer-Policy", "no-referrer-when-downgrade")

  try {
    const code = String(req.params.code ?? "")
    if (!BUY_LINK_CODE_PATTERN.test(code)) {
      found(res, home)
      return
    }
    const link = await buyLinkResolver.resolve(
      req.scope,
      code,
      options.code_cache_ttl_seconds * 1000
    )
    if (!link) {
      found(res, home)
      return
    }

    const visitorId = visitorIdOf(req, res, options.visitor_cookie)

    const now = Date.now()
    const clickId = mintClickId(now)
    const userAgent = clip(req.headers["user-agent"], 512)
    const ipHash = attribution.hashIp(req.ip ?? req.socket.remoteAddress ?? "")
    const { reason, ref } = attribution.classifyClick({
      clickId,
      method: req.method,
      isBot: isBot(userAgent),
      visitorId,
      noteId: link.note_id,
      productId: link.product_id,
      ipHash,
      now,
    })
    const utm = Object.fromEntries(
      UTM.map((k) => [k, clip(req.query[k], 200)])
    ) as Record<(typeof UTM)[number], string | null>

    await attribution.acceptClick({
      id: clickId,
      code,
      note_id: link.note_id,
      note_product_id: link.note_product_id,
      buyer_id: link.buyer_id,
      product_id: link.product_id,
      variant_id: link.variant_id,
      visitor_id: visitorId,
      ip_hash: ipHash,
      user_agent: userAgent,
      referer: clip(req.headers.referer, 1024),
      ...utm,
      clicked_at: new Date(now),
      // Links of merchant notes are tracked and count for reports; links
      // of buyers who are not approved are kept apart as not earning.
      dropped_reason:
        reason ?? (link.buyer_id && !link.earns ? "not_earning" : null),
    })

    const target = new URL(
      fillProductPath(options.product_path, {
        handle: link.handle,
        id: link.product_id,
        // From a CDN's header, so the shopper lands on the country's page
        // without the storefront's own redirect; only a two-letter code
        // the storefront serves is taken, else `default_country`. Headers
        // are read only when the path has the placeholder.
        country: options.product_path.includes("{country}")
          ? visitorCountry(req.headers, options)
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
    found(res, target.toString())
  } catch (e) {
    req.scope
      .resolve("logger")
      .error(
        `notes: buy link ${String(req.params.code)} failed: ${(e as Error).message}`
      )
    if (!res.headersSent) {
      found(res, home)
    }
  }
}

export const HEAD = GET
