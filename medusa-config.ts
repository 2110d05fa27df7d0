import { defineConfig, loadEnv } from "@medusajs/framework/utils"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

/**
 * The repository is the plugin and its own host: this config registers the
 * plugin's modules from `./src` for development, the demo and the tests.
 * Medusa loads the routes, subscribers, links, jobs, workflows and admin
 * extensions under `src/` as the project itself.
 */
const pluginOptions = {
  buy_link_base_url:
    process.env.NOTES_BUY_LINK_BASE_URL ?? process.env.MEDUSA_BACKEND_URL,
  storefront_url: process.env.STOREFRONT_URL ?? "http://localhost:8000",
  // Where buy links land (a storefront with the country first sets
  // NOTES_PRODUCT_PATH=/{country}/products/{handle} and a default country).
  product_path: process.env.NOTES_PRODUCT_PATH || undefined,
  default_country: process.env.NOTES_DEFAULT_COUNTRY || undefined,
  countries: process.env.NOTES_COUNTRIES?.split(",").filter(Boolean),
  country_headers:
    process.env.NOTES_COUNTRY_HEADERS?.split(",").filter(Boolean),
  ip_hash_secret: process.env.NOTES_IP_HASH_SECRET,
  // The click queue uses REDIS_URL; these let a test or an operator point it
  // elsewhere, rename it, or keep its worker out of a process.
  redis_url: process.env.NOTES_CLICK_REDIS_URL,
  click_queue_name: process.env.NOTES_CLICK_QUEUE ?? "notes-clicks",
  click_worker: process.env.NOTES_CLICK_WORKER
    ? process.env.NOTES_CLICK_WORKER === "true"
    : undefined,
  click_buffer_max: process.env.NOTES_CLICK_BUFFER_MAX
    ? Number(process.env.NOTES_CLICK_BUFFER_MAX)
    : undefined,
  click_enqueue_timeout_ms: process.env.NOTES_CLICK_ENQUEUE_TIMEOUT_MS
    ? Number(process.env.NOTES_CLICK_ENQUEUE_TIMEOUT_MS)
    : undefined,
  // Payouts: manual unless STRIPE_API_KEY is set. STRIPE_HOST/PORT/PROTOCOL
  // point the SDK elsewhere (the tests' and the benchmark's fake Stripe).
  payout_provider: process.env.STRIPE_API_KEY
    ? ("stripe" as const)
    : ("manual" as const),
  stripe: process.env.STRIPE_API_KEY
    ? {
        api_key: process.env.STRIPE_API_KEY,
        // Comma-separated: the account and the Connect endpoint secrets.
        webhook_secret: (process.env.STRIPE_WEBHOOK_SECRET ?? "")
          .split(",")
          .filter(Boolean),
        host: process.env.STRIPE_HOST,
        port: process.env.STRIPE_PORT
          ? Number(process.env.STRIPE_PORT)
          : undefined,
        protocol: process.env.STRIPE_PROTOCOL as "http" | "https" | undefined,
        timeout_ms: process.env.STRIPE_TIMEOUT_MS
          ? Number(process.env.STRIPE_TIMEOUT_MS)
          : undefined,
        max_network_retries: process.env.STRIPE_MAX_NETWORK_RETRIES
          ? Number(process.env.STRIPE_MAX_NETWORK_RETRIES)
          : undefined,
      }
    : undefined,
  // Which earns when an order used a buyer's promo code and carries
  // another buyer's click: "code" (default) or "click".
  promo_code_precedence: (process.env.NOTES_PROMO_CODE_PRECEDENCE ||
    undefined) as "code" | "click" | undefined,
  // The reconciliation job (docs/deploying.md): how old an order must be
  // before it looks at it, and how often its sweep starts a turn.
  reconcile_grace_seconds: process.env.NOTES_RECONCILE_GRACE_SECONDS
    ? Number(process.env.NOTES_RECONCILE_GRACE_SECONDS)
    : undefined,
  reconcile_sweep_every_minutes: process.env.NOTES_RECONCILE_SWEEP_EVERY_MINUTES
    ? Number(process.env.NOTES_RECONCILE_SWEEP_EVERY_MINUTES)
    : undefined,
  settlement_schedule:
    process.env.NOTES_SETTLEMENT_SCHEDULE === "off"
      ? (false as const)
      : process.env.NOTES_SETTLEMENT_SCHEDULE,
  settlement_concurrency: process.env.NOTES_SETTLEMENT_CONCURRENCY
    ? Number(process.env.NOTES_SETTLEMENT_CONCURRENCY)
    : undefined,
  settlement_thresholds: process.env.NOTES_SETTLEMENT_THRESHOLDS
    ? (JSON.parse(process.env.NOTES_SETTLEMENT_THRESHOLDS) as Record<
        string,
        string
      >)
    : undefined,
}

const redisUrl = process.env.REDIS_URL

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    redisUrl,
    http: {
      storeCors: process.env.STORE_CORS ?? "http://localhost:8000",
      adminCors: process.env.ADMIN_CORS ?? "http://localhost:9000",
      authCors:
        process.env.AUTH_CORS ?? "http://localhost:8000,http://localhost:9000",
      jwtSecret: process.env.JWT_SECRET || "supersecret",
      cookieSecret: process.env.COOKIE_SECRET || "supersecret",
    },
  },
  admin: {
    disable: process.env.MEDUSA_ADMIN_DISABLED === "true",
  },
  modules: [
    { resolve: "./src/modules/notes", options: pluginOptions },
    { resolve: "./src/modules/buyers", options: pluginOptions },
    { resolve: "./src/modules/attribution", options: pluginOptions },
    { resolve: "./src/modules/commission", options: pluginOptions },
    ...(redisUrl
      ? [
          {
            resolve: "@medusajs/medusa/event-bus-redis",
            options: {
              redisUrl,
              // Subscribers run one event at a time per process unless raised.
              workerOptions: {
                concurrency: Number(process.env.EVENT_BUS_CONCURRENCY ?? 1),
              },
            },
          },
          {
            resolve: "@medusajs/medusa/workflow-engine-redis",
            options: { redis: { redisUrl } },
          },
          {
            resolve: "@medusajs/medusa/locking",
            options: {
              providers: [
                {
                  resolve: "@medusajs/medusa/locking-redis",
                  id: "locking-redis",
                  is_default: true,
                  options: { redisUrl },
                },
              ],
            },
          },
          // Medusa's Caching Module is behind its feature flag: on with the
          // flag (MEDUSA_FF_CACHING=true), on the same Redis.
          ...(process.env.MEDUSA_FF_CACHING === "true"
            ? [
                {
                  resolve: "@medusajs/medusa/caching",
                  options: {
                    providers: [
                      {
                        resolve: "@medusajs/medusa/caching-redis",
                        id: "caching-redis",
                        is_default: true,
                        options: { redisUrl },
                      },
                    ],
                  },
                },
              ]
            : []),
        ]
      : []),
  ],
})
