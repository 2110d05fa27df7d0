import Medusa from "@medusajs/js-sdk"
import { createNotesClient } from "@shoppable-notes/client"

/**
 * The Medusa backend the storefront's server talks to. Server-side only:
 * pages render on the server, so the browser never calls Medusa directly.
 */
export const backendUrl =
  process.env.MEDUSA_BACKEND_URL ?? "http://localhost:9000"

/**
 * Medusa's origin as the shopper's browser reaches it (`MEDUSA_PUBLIC_URL`,
 * else `MEDUSA_BACKEND_URL`): a buy link is a plain link to its `/r/{code}`.
 */
const publicBackendUrl = process.env.MEDUSA_PUBLIC_URL || backendUrl

/**
 * A product's `buy_url` as a link: the plugin answers the path `/r/{code}`
 * when its `buy_link_base_url` option is unset, which resolves against
 * Medusa's public origin, not the storefront's.
 */
export const buyHref = (buyUrl: string) =>
  new URL(buyUrl, publicBackendUrl).toString()

/**
 * Where the note page's view beacon posts from the browser: Medusa's public
 * origin and the publishable key (public by design), read at run time.
 */
export function viewBeaconTarget(): {
  backendUrl: string
  publishableKey?: string
} {
  return { backendUrl: publicBackendUrl, publishableKey }
}

// Read on the server at run time: Next inlines NEXT_PUBLIC_* values into
// server bundles at build time too, so a key given only as NEXT_PUBLIC_*
// would stay the one of the build.
const publishableKey =
  process.env.MEDUSA_PUBLISHABLE_KEY ||
  process.env.NEXT_PUBLIC_MEDUSA_PUBLISHABLE_KEY

export const sdk = new Medusa({ baseUrl: backendUrl, publishableKey })

/**
 * A store API call with plain `fetch`, for the one answer whose body the
 * SDK would drop: its error keeps only the message, and a caller needs a
 * typed field of the refusal (the 429's `retry_after_seconds`). A non-2xx
 * answer throws an `ApiError` carrying the status and the whole body.
 */
export async function storeFetch<T>(
  path: string,
  init: { method: string; body?: unknown; headers?: Record<string, string> }
): Promise<T> {
  const res = await fetch(`${backendUrl.replace(/\/+$/, "")}${path}`, {
    method: init.method,
    headers: {
      accept: "application/json",
      ...(init.body === undefined
        ? {}
        : { "content-type": "application/json" }),
      ...(publishableKey ? { "x-publishable-api-key": publishableKey } : {}),
      ...init.headers,
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    cache: "no-store",
  })
  const json = (await res.json().catch(() => ({}))) as Record<string, unknown>
  if (!res.ok) {
    throw new ApiError(res.status, json)
  }
  return json as T
}

/** A store API refusal: `status` (as the SDK's error) and the JSON body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>
  ) {
    super(
      typeof body.message === "string" && body.message
        ? body.message
        : `HTTP ${status}`
    )
    this.name = "ApiError"
  }
}

export const notesClient = createNotesClient(sdk)

let regionId: Promise<string | undefined> | undefined

/**
 * The region whose prices the pages show: `MEDUSA_REGION_ID` when set,
 * else the store's first region (looked up once per server process).
 */
export function defaultRegionId(): Promise<string | undefined> {
  if (process.env.MEDUSA_REGION_ID) {
    return Promise.resolve(process.env.MEDUSA_REGION_ID)
  }
  regionId ??= sdk.store.region
    .list({ limit: 1, fields: "id" })
    .then(({ regions }) => regions[0]?.id)
    .catch((e: unknown) => {
      regionId = undefined
      throw e
    })
  return regionId
}

/** The SDK's error for a non-2xx answer carries the HTTP status. */
export function httpStatus(e: unknown): number | undefined {
  const status = (e as { status?: unknown } | null)?.status
  return typeof status === "number" ? status : undefined
}
