import { NextResponse, type NextRequest } from "next/server"
import { refFromUrl, referralCookie } from "@shoppable-notes/client"
import { referralOptions } from "@/lib/referral"

/**
 * Landing from a buy link (`/r/{code}` redirects to a product page with
 * `?ref={click_id}`): the click is kept in a first-party cookie until its
 * attribution window ends, and the page renders as usual. Nothing shows;
 * the cart picks the cookie up (lib/cart.ts).
 */
export function middleware(request: NextRequest) {
  const response = NextResponse.next()
  const ref = refFromUrl(request.nextUrl.searchParams, referralOptions)
  const cookie =
    ref &&
    referralCookie(ref, {
      ...referralOptions,
      secure:
        request.nextUrl.protocol === "https:" ||
        request.headers.get("x-forwarded-proto") === "https",
    })
  if (cookie) {
    response.cookies.set(cookie)
  }
  return response
}

export const config = {
  // Only page requests that carry a `ref` (REFERRAL_PARAM; Next reads
  // this config statically, so the name is spelled out).
  matcher: [
    {
      source: "/((?!_next/|favicon.ico).*)",
      has: [{ type: "query", key: "ref" }],
    },
  ],
}
