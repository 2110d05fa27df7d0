import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ATTRIBUTION_MODULE } from "../../../modules/attribution"
import type AttributionModuleService from "../../../modules/attribution/service"
import { storefrontHome } from "../../../modules/attribution/utils/redirect"
import { BUY_LINK_CODE_PATTERN } from "../../../modules/notes/utils/buy-link-code"
import { buyLinkResolver } from "../../../utils/buy-link-resolver"
import { visitorIdOf } from "../../utils/visitor"

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
  const home = storefrontHome(options)
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

    // Classified by the duplicate and burst memory (shared in Redis with
    // every process when the click queue is configured) and handed over.
    const { location } = await attribution.redirectClick({
      link,
      code,
      method: req.method,
      headers: req.headers,
      query: (k) => req.query[k],
      visitorId,
      ipHash: attribution.hashIp(req.ip ?? req.socket.remoteAddress ?? ""),
      now: Date.now(),
      options,
    })
    found(res, location)
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
