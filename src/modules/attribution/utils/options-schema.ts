import { randomBytes } from "node:crypto"
import { z } from "@medusajs/framework/zod"
import {
  DEFAULT_COUNTRY_HEADERS,
  PRODUCT_PATH_PLACEHOLDERS,
} from "./product-path"
import { ReportOptionsShape } from "./report-options"

// The attribution module's options and the IP-hash key, without Medusa's
// runtime (zod only): the module (./options) and the redirect edge
// (src/edge) read the same schema.

/**
 * The plugin options the attribution module reads (every module of the
 * plugin gets them all; unknown keys belong to the others).
 */
/** An ISO 3166-1 alpha-2 code, kept in lower case as URLs use it. */
const CountryCode = z
  .string()
  .regex(/^[A-Za-z]{2}$/, "must be a two-letter country code such as dk")
  .transform((c) => c.toLowerCase())

export const AttributionOptionsSchema = z
  .object({
    /** Origin of the storefront the buy links lead to: the only redirect target. */
    storefront_url: z
      .string()
      .url()
      .refine((u) => /^https?:\/\//.test(u), "must be an http(s) URL")
      .default("http://localhost:8000"),
    /**
     * Product page path; `{handle}`, `{id}` and `{country}` (the visitor's
     * country, see `country_headers`) are replaced.
     */
    product_path: z
      .string()
      .startsWith("/")
      .refine(
        (p) => p.includes("{handle}") || p.includes("{id}"),
        "must contain {handle} or {id}"
      )
      .refine(
        (p) =>
          (p.match(/\{[^}]*\}?/g) ?? []).every((m) =>
            PRODUCT_PATH_PLACEHOLDERS.some((k) => m === `{${k}}`)
          ),
        `may only contain the placeholders ${PRODUCT_PATH_PLACEHOLDERS.map((k) => `{${k}}`).join(", ")}`
      )
      .default("/products/{handle}"),
    /**
     * Request headers that carry the visitor's country (a CDN's), read in
     * order for `{country}`; an empty list always uses `default_country`.
     */
    country_headers: z
      .array(
        z
          .string()
          .regex(/^[A-Za-z0-9-]{1,64}$/, "must be an HTTP header name")
          .transform((h) => h.toLowerCase())
      )
      .max(10)
      .default(DEFAULT_COUNTRY_HEADERS),
    /** The countries the storefront serves (ISO 2); others get `default_country`. */
    countries: z.array(CountryCode).min(1).max(300).optional(),
    /** `{country}` when no header names a country the storefront serves. */
    default_country: CountryCode.optional(),
    /** Same visitor, note and product inside this window: a duplicate. */
    click_dedupe_window_seconds: z
      .number()
      .int()
      .min(0)
      .max(604_800)
      .default(3600),
    /** More clicks than this from one IP inside `click_burst_window_seconds`: a burst. */
    click_burst_limit: z.number().int().min(1).max(1_000_000).default(30),
    click_burst_window_seconds: z.number().int().min(1).max(86_400).default(60),
    /** Key of the IP hash (HMAC-SHA256). Set it in production; rotating it breaks burst memory only. */
    ip_hash_secret: z.string().min(16).optional(),
    /** Name of the first-party visitor cookie set by the redirect. */
    visitor_cookie: z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/)
      .default("notes_vid"),
    /** In-process click batches: flush at this size or after this many ms. */
    click_batch_size: z.number().int().min(1).max(10_000).default(500),
    click_flush_ms: z.number().int().min(5).max(60_000).default(200),
    /**
     * Most clicks this process holds unwritten (the in-process sink, or the
     * queue's fallback while Redis is down). Beyond it new clicks are refused,
     * counted and recorded as one `overflow` row of `referral_click_failure`.
     */
    click_buffer_max: z.number().int().min(1).max(10_000_000).default(100_000),
    /** Longest wait between retries of a batch while the database is unreachable. */
    click_retry_max_ms: z.number().int().min(100).max(600_000).default(30_000),
    /** A click older than this (before the order) does not win it. */
    attribution_window_days: z.number().int().min(1).max(365).default(30),
    /** Credit only the lines whose product is tagged in the clicked note, or the whole order. */
    basket: z.enum(["tagged", "order"]).default("tagged"),
    /**
     * When an order used a buyer's promo code and carries another buyer's
     * counted click, which one earns: the code (default) or the click.
     */
    promo_code_precedence: z.enum(["code", "click"]).default("code"),
    /**
     * Where accepted clicks wait to be written: a Redis (BullMQ) queue, or the
     * server process's memory. `auto`: the queue when `redis_url` is set.
     */
    click_queue: z.enum(["auto", "bullmq", "memory"]).default("auto"),
    /** Redis for the click queue (defaults to the REDIS_URL environment variable). */
    redis_url: z.string().url().optional(),
    /** BullMQ queue name (several stores on one Redis need different names). */
    click_queue_name: z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/)
      .default("notes-clicks"),
    /**
     * Run the queue's worker in this process. Default: yes, except in
     * Medusa's `server` worker mode (MEDUSA_WORKER_MODE=server).
     */
    click_worker: z.boolean().optional(),
    /** How long the redirect waits for the queue to accept a click before writing it directly. */
    click_enqueue_timeout_ms: z.number().int().min(10).max(10_000).default(250),
    /** Cache of resolved buy-link codes, per process. */
    code_cache_ttl_seconds: z.number().int().min(0).max(3600).default(30),
    ...ReportOptionsShape,
  })
  .superRefine((o, ctx) => {
    // A `{country}` that could be empty would send every visitor without a
    // country header to `//products/…`: refuse to start instead.
    if (o.product_path.includes("{country}") && !o.default_country) {
      ctx.addIssue({
        code: "custom",
        path: ["default_country"],
        message: "is required when product_path contains {country}",
      })
    }
    if (
      o.default_country &&
      o.countries &&
      !o.countries.includes(o.default_country)
    ) {
      ctx.addIssue({
        code: "custom",
        path: ["default_country"],
        message: `must be one of countries (${o.countries.join(", ")})`,
      })
    }
  })

export type AttributionOptions = z.infer<typeof AttributionOptionsSchema>

const MIN_SECRET = 16

/**
 * The key of the IP hash: `ip_hash_secret`, else the store's COOKIE_SECRET
 * or JWT_SECRET when one is at least as long as the option must be (the
 * starter's default secrets are not: an 11-character key is guessable, and
 * with it any IP hash can be reversed by trying every address). Without
 * one: in production the server refuses to start; elsewhere a random key
 * per process is used (hashes still hide IPs and group bursts, but do not
 * match across restarts or processes), with a warning. In production
 * without one: `error` (the caller refuses to start).
 */
export function ipHashKeyOf(
  options: Pick<AttributionOptions, "ip_hash_secret">,
  env: Record<string, string | undefined>
): { key: string; warning: string | null } | { error: string } {
  if (options.ip_hash_secret) {
    return { key: options.ip_hash_secret, warning: null }
  }
  for (const name of ["COOKIE_SECRET", "JWT_SECRET"]) {
    const value = env[name]
    if (value && value.length >= MIN_SECRET) {
      return { key: value, warning: null }
    }
  }
  const why = `'ip_hash_secret' is not set and neither COOKIE_SECRET nor JWT_SECRET has ${MIN_SECRET} characters or more`
  if (env.NODE_ENV === "production") {
    return {
      error: `${why}; set it to a random string of at least ${MIN_SECRET} characters`,
    }
  }
  return {
    key: randomBytes(32).toString("hex"),
    warning: `notes: ${why}: IP hashes use a random key of this process (they do not match across restarts or processes); set ip_hash_secret in production`,
  }
}
