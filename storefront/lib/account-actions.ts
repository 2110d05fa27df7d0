"use server"

import { revalidatePath } from "next/cache"
import { redirect } from "next/navigation"
import { clearAuthToken, getAuthHeaders, safeNext, setAuthToken } from "./auth"
import { httpStatus, notesClient, sdk } from "./medusa"

/**
 * A form's outcome: `field` names the input an error is about; `values`
 * are what was typed (never a password), which the form shows again (React
 * resets a form after its action).
 */
export type AccountFormState = {
  ok?: string
  error?: string
  field?: string
  values?: Record<string, string>
} | null

/** The typed values of these fields, for the form to show again. */
const typed = (form: FormData, names: string[]) =>
  Object.fromEntries(names.map((n) => [n, text(form, n)]))

const text = (form: FormData, name: string) =>
  String(form.get(name) ?? "").trim()

/** Medusa's message for a refused request (the SDK's `FetchError`). */
function message(e: unknown): string {
  const m = (e as { message?: unknown } | null)?.message
  return typeof m === "string" && m ? m : "Something went wrong. Try again."
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** Email and password as typed, or the first one missing. */
function credentials(
  form: FormData
):
  | { email: string; password: string; error?: undefined }
  | { error: string; field: string } {
  const email = text(form, "email").toLowerCase()
  const password = String(form.get("password") ?? "")
  if (!EMAIL.test(email)) {
    return { error: "Enter your email address.", field: "email" }
  }
  if (!password) {
    return { error: "Enter your password.", field: "password" }
  }
  return { email, password }
}

/** `POST /auth/customer/emailpass`: the customer's token. */
async function emailpassToken(email: string, password: string) {
  const { token } = await sdk.client.fetch<{ token: string }>(
    "/auth/customer/emailpass",
    { method: "POST", body: { email, password } }
  )
  return token
}

/** Logs in with email and password, then back to `next`. */
export async function login(
  _prev: AccountFormState,
  form: FormData
): Promise<AccountFormState> {
  return { ...(await logIn(form)), values: typed(form, ["email"]) }
}

async function logIn(form: FormData): Promise<AccountFormState> {
  const creds = credentials(form)
  if (creds.error !== undefined) {
    return creds
  }
  try {
    await setAuthToken(await emailpassToken(creds.email, creds.password))
  } catch (e) {
    if (httpStatus(e) === 401) {
      return {
        error: "That email and password do not match an account.",
        field: "password",
      }
    }
    return { error: message(e) }
  }
  redirect(safeNext(text(form, "next")))
}

/**
 * Creates the customer: an emailpass identity
 * (`/auth/customer/emailpass/register`), the customer with its
 * registration token (`POST /store/customers`), then logs in.
 */
export async function register(
  _prev: AccountFormState,
  form: FormData
): Promise<AccountFormState> {
  return {
    ...(await signUp(form)),
    values: typed(form, ["email", "first_name", "last_name"]),
  }
}

async function signUp(form: FormData): Promise<AccountFormState> {
  const creds = credentials(form)
  if (creds.error !== undefined) {
    return creds
  }
  if (creds.password.length < 8) {
    return {
      error: "Choose a password of at least 8 characters.",
      field: "password",
    }
  }
  try {
    const { token } = await sdk.client.fetch<{ token: string }>(
      "/auth/customer/emailpass/register",
      { method: "POST", body: { email: creds.email, password: creds.password } }
    )
    await sdk.store.customer.create(
      {
        email: creds.email,
        first_name: text(form, "first_name") || undefined,
        last_name: text(form, "last_name") || undefined,
      },
      {},
      { authorization: `Bearer ${token}` }
    )
    await setAuthToken(await emailpassToken(creds.email, creds.password))
  } catch (e) {
    if (/already exists/i.test(message(e))) {
      return {
        error: "This email already has an account: log in instead.",
        field: "email",
      }
    }
    return { error: message(e) }
  }
  redirect(safeNext(text(form, "next")))
}

/** Forgets the token. */
export async function logout(): Promise<void> {
  await clearAuthToken()
  redirect("/account/login")
}

/** `POST /store/buyers`: the customer applies to be a buyer (pending). */
export async function applyAsBuyer(
  _prev: AccountFormState,
  form: FormData
): Promise<AccountFormState> {
  return {
    ...(await apply(form)),
    values: typed(form, ["handle", "display_name", "bio"]),
  }
}

async function apply(form: FormData): Promise<AccountFormState> {
  const handle = text(form, "handle").toLowerCase()
  const display_name = text(form, "display_name")
  if (!/^[a-z0-9_-]{3,30}$/.test(handle)) {
    return {
      error: "Handle: 3 to 30 characters of a-z, 0-9, - and _.",
      field: "handle",
    }
  }
  if (!display_name) {
    return { error: "Enter a display name.", field: "display_name" }
  }
  try {
    await notesClient.buyers.apply(
      { handle, display_name, bio: text(form, "bio") || null },
      await getAuthHeaders()
    )
  } catch (e) {
    const m = message(e)
    return {
      error: m,
      field: /handle/i.test(m)
        ? "handle"
        : /display_name/i.test(m)
          ? "display_name"
          : /bio/i.test(m)
            ? "bio"
            : undefined,
    }
  }
  revalidatePath("/account", "layout")
  return { ok: "Application sent." }
}

/**
 * `POST /store/buyers/me/payout-account`: a fresh onboarding link, where
 * the buyer goes at once. A store that pays by hand refuses (4xx).
 */
export async function startPayoutOnboarding(
  _prev: AccountFormState,
  _form: FormData
): Promise<AccountFormState> {
  let url: string
  try {
    url = (
      await notesClient.me.payoutAccount.startOnboarding(await getAuthHeaders())
    ).onboarding_url
  } catch (e) {
    const status = httpStatus(e)
    if (status === 400 || status === 409) {
      return {
        error: `Payouts are handled by the merchant: ${message(e)}`,
      }
    }
    return { error: message(e) }
  }
  redirect(url)
}
