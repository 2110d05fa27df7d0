import { cookies, headers } from "next/headers"
import { redirect } from "next/navigation"
import { cache } from "react"
import { httpStatus, notesClient, sdk } from "./medusa"

/**
 * The cookie that holds the customer's Medusa token (a JWT from
 * `/auth/customer/emailpass`), as Medusa's starter names it. httpOnly and
 * SameSite=Lax: only the storefront's server reads it and sends it on as
 * `Authorization: Bearer …`; the browser never calls Medusa with it.
 */
export const AUTH_COOKIE = "_medusa_jwt"

/** As long as Medusa's token lives (`jwtExpiresIn`, one day by default). */
const AUTH_MAX_AGE = 60 * 60 * 24

export type Customer = Awaited<
  ReturnType<typeof sdk.store.customer.retrieve>
>["customer"]

export type Buyer = Awaited<ReturnType<typeof notesClient.me.retrieve>>["buyer"]

/** The logged-in customer's token, or undefined. */
export async function getAuthToken(): Promise<string | undefined> {
  return (await cookies()).get(AUTH_COOKIE)?.value || undefined
}

/**
 * Headers for a customer's call: `{ authorization }` when logged in, else
 * none. Pass them as the last argument of any client or SDK call.
 */
export async function getAuthHeaders(): Promise<{ authorization?: string }> {
  const token = await getAuthToken()
  return token ? { authorization: `Bearer ${token}` } : {}
}

/** Keeps the token (server actions and route handlers only). */
export async function setAuthToken(token: string): Promise<void> {
  const secure = (await headers()).get("x-forwarded-proto") === "https"
  ;(await cookies()).set(AUTH_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: "/",
    maxAge: AUTH_MAX_AGE,
  })
}

/** Logs out (server actions and route handlers only). */
export async function clearAuthToken(): Promise<void> {
  ;(await cookies()).delete(AUTH_COOKIE)
}

/**
 * The logged-in customer, or null (no cookie, or Medusa no longer takes
 * the token). Read once per request, however many components ask.
 */
export const getCustomer = cache(async (): Promise<Customer | null> => {
  const auth = await getAuthHeaders()
  if (!auth.authorization) {
    return null
  }
  try {
    const { customer } = await sdk.store.customer.retrieve(
      { fields: "id,email,first_name,last_name" },
      auth
    )
    return customer
  } catch (e) {
    if (httpStatus(e) === 401) {
      return null
    }
    throw e
  }
})

/**
 * A path to come back to after logging in: only a path on this site
 * (`/…`, not `//host` nor a URL), else `/account`.
 */
export function safeNext(next: unknown): string {
  return typeof next === "string" &&
    next.startsWith("/") &&
    !next.startsWith("//") &&
    !next.startsWith("/\\")
    ? next
    : "/account"
}

/** The login page that returns to `next` afterwards. */
export const loginHref = (next: string) =>
  `/account/login?next=${encodeURIComponent(safeNext(next))}`

/**
 * The logged-in customer; without one, a redirect to the login page that
 * comes back to `next` (the page's own path, with its query).
 */
export async function requireCustomer(next: string): Promise<Customer> {
  const customer = await getCustomer()
  if (!customer) {
    redirect(loginHref(next))
  }
  return customer
}

/**
 * The customer's buyer profile, or null before they applied (the API's
 * 404). Read once per request.
 */
export const getBuyer = cache(async (): Promise<Buyer | null> => {
  const auth = await getAuthHeaders()
  if (!auth.authorization) {
    return null
  }
  try {
    return (await notesClient.me.retrieve(auth)).buyer
  } catch (e) {
    if (httpStatus(e) === 404 || httpStatus(e) === 401) {
      return null
    }
    throw e
  }
})

/**
 * The logged-in customer's buyer profile; a customer who has not applied
 * yet goes to `/account`, where the apply form is.
 */
export async function requireBuyer(next: string): Promise<Buyer> {
  await requireCustomer(next)
  const buyer = await getBuyer()
  if (!buyer) {
    redirect("/account")
  }
  return buyer
}
