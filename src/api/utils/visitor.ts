import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { mintVisitorId } from "../../modules/attribution/utils/ids"
import {
  VISITOR_ID,
  visitorCookie,
} from "../../modules/attribution/utils/redirect"

/**
 * The visitor of a request: the id in the visitor cookie (`cookieName`, the
 * attribution module's `visitor_cookie` option), or a fresh one, which is
 * then set on the response (a year, HttpOnly, SameSite=Lax, Secure behind
 * https). One identity for buy-link clicks and note views, so a reader is
 * the same visitor in both. A malformed cookie value is replaced, never
 * thrown on (Medusa's cookie-parser leaves it a string).
 */
export function visitorIdOf(
  req: MedusaRequest,
  res: MedusaResponse,
  cookieName: string
): string {
  const fromCookie: unknown = (req.cookies as Record<string, unknown>)?.[
    cookieName
  ]
  if (typeof fromCookie === "string" && VISITOR_ID.test(fromCookie)) {
    return fromCookie
  }
  const visitorId = mintVisitorId()
  const secure = req.secure || req.headers["x-forwarded-proto"] === "https"
  res.setHeader("Set-Cookie", visitorCookie(cookieName, visitorId, secure))
  return visitorId
}
