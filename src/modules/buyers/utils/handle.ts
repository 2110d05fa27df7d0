/**
 * Buyer handles appear in URLs (`/buyers/{handle}`): lower-case letters,
 * digits, `-` and `_`, 3 to 30 characters, starting with a letter or digit.
 * Some words are reserved so a handle never shadows a storefront route.
 */
export const HANDLE_PATTERN = /^[a-z0-9][a-z0-9_-]{2,29}$/

export const RESERVED_HANDLES = new Set([
  "admin",
  "api",
  "app",
  "buyer",
  "buyers",
  "me",
  "new",
  "note",
  "notes",
  "r",
  "settings",
  "shop",
  "store",
  "support",
])

export function normalizeHandle(raw: string): string {
  return raw.trim().toLowerCase()
}

/** Why a handle is not acceptable, or null when it is. Pure. */
export function handleProblem(handle: string): string | null {
  if (!HANDLE_PATTERN.test(handle)) {
    return "handle must be 3 to 30 characters: a-z, 0-9, '-' or '_', starting with a letter or digit"
  }
  if (RESERVED_HANDLES.has(handle)) {
    return `handle '${handle}' is reserved`
  }
  return null
}
