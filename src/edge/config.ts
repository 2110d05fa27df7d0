import {
  type AttributionOptions,
  AttributionOptionsSchema,
  ipHashKeyOf,
} from "../modules/attribution/utils/options-schema"

/**
 * The attribution options the edge reads, each from the environment
 * variable of its name in upper case (`product_path` ← `PRODUCT_PATH`).
 * Lists are comma-separated. They are validated by the plugin's own schema,
 * so the edge accepts exactly what the plugin accepts.
 */
const FROM_ENV = {
  storefront_url: "string",
  product_path: "string",
  country_headers: "list",
  countries: "list",
  default_country: "string",
  click_dedupe_window_seconds: "number",
  click_burst_limit: "number",
  click_burst_window_seconds: "number",
  ip_hash_secret: "string",
  visitor_cookie: "string",
  click_batch_size: "number",
  click_flush_ms: "number",
  click_buffer_max: "number",
  click_retry_max_ms: "number",
  click_queue_name: "string",
  click_enqueue_timeout_ms: "number",
  code_cache_ttl_seconds: "number",
} as const satisfies Partial<
  Record<keyof AttributionOptions, "string" | "number" | "list">
>

export type EdgeConfig = {
  options: AttributionOptions
  databaseUrl: string
  /** The click queue's Redis; null: clicks are written to PostgreSQL directly. */
  redisUrl: string | null
  port: number
  host: string
  /** PostgreSQL connections of the edge's pool (lookups and direct writes). */
  poolSize: number
  /** Most codes the in-process cache holds. */
  codeCacheMax: number
  /** How long an unknown code is remembered (ms). */
  negativeTtlMs: number
  ipHashKey: string
  /** `EDGE_TIMING=1`: per-phase latency histograms in `GET /health?timing` (benchmarks). */
  timing: boolean
  warnings: string[]
}

export class EdgeConfigError extends Error {}

const int = (name: string, raw: string | undefined, fallback: number) => {
  if (raw === undefined || raw === "") {
    return fallback
  }
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 0) {
    throw new EdgeConfigError(`${name} must be a whole number, got '${raw}'`)
  }
  return n
}

/**
 * The edge's configuration from the environment. Throws an
 * `EdgeConfigError` naming the variable when a value is missing or bad.
 */
export function edgeConfigFromEnv(
  env: Record<string, string | undefined>
): EdgeConfig {
  const raw: Record<string, unknown> = {}
  for (const [key, kind] of Object.entries(FROM_ENV)) {
    const value = env[key.toUpperCase()]
    if (value === undefined || value === "") {
      continue
    }
    raw[key] =
      kind === "number"
        ? Number(value)
        : kind === "list"
          ? value.split(",").map((v) => v.trim())
          : value
  }
  const parsed = AttributionOptionsSchema.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const name = String(issue.path[0] ?? "").toUpperCase()
    throw new EdgeConfigError(`${name || "options"}: ${issue.message}`)
  }
  const options = parsed.data
  if (!env.DATABASE_URL) {
    throw new EdgeConfigError("DATABASE_URL is required")
  }
  const key = ipHashKeyOf(options, env)
  if ("error" in key) {
    throw new EdgeConfigError(`IP_HASH_SECRET: ${key.error}`)
  }
  const port = int("PORT", env.PORT, 9300)
  if (port > 65535) {
    throw new EdgeConfigError(`PORT must be at most 65535, got '${env.PORT}'`)
  }
  return {
    options,
    databaseUrl: env.DATABASE_URL,
    redisUrl: env.REDIS_URL || null,
    port,
    host: env.HOST || "0.0.0.0",
    poolSize: Math.max(1, int("EDGE_DB_POOL_SIZE", env.EDGE_DB_POOL_SIZE, 4)),
    codeCacheMax: Math.max(
      1,
      int("EDGE_CODE_CACHE_MAX", env.EDGE_CODE_CACHE_MAX, 50_000)
    ),
    negativeTtlMs:
      int(
        "EDGE_NEGATIVE_TTL_SECONDS",
        env.EDGE_NEGATIVE_TTL_SECONDS,
        options.code_cache_ttl_seconds
      ) * 1000,
    ipHashKey: key.key,
    timing: env.EDGE_TIMING === "1",
    warnings: key.warning
      ? [key.warning.replace("set ip_hash_secret", "set IP_HASH_SECRET")]
      : [],
  }
}
