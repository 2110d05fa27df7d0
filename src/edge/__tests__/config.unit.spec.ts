import { EdgeConfigError, edgeConfigFromEnv } from "../config"

const base = {
  DATABASE_URL: "postgres://localhost/x",
  IP_HASH_SECRET: "a-long-enough-ip-hash-secret",
}

describe("edgeConfigFromEnv", () => {
  it("reads the plugin's options from their upper-case names", () => {
    const c = edgeConfigFromEnv({
      ...base,
      REDIS_URL: "redis://127.0.0.1:6379",
      PORT: "9311",
      STOREFRONT_URL: "https://shop.example",
      PRODUCT_PATH: "/{country}/products/{handle}",
      DEFAULT_COUNTRY: "DK",
      COUNTRIES: "dk, de",
      VISITOR_COOKIE: "vid",
      CODE_CACHE_TTL_SECONDS: "5",
      CLICK_QUEUE_NAME: "q1",
    })
    expect(c.options).toMatchObject({
      storefront_url: "https://shop.example",
      product_path: "/{country}/products/{handle}",
      default_country: "dk",
      countries: ["dk", "de"],
      visitor_cookie: "vid",
      code_cache_ttl_seconds: 5,
      click_queue_name: "q1",
      click_burst_limit: 30,
    })
    expect(c).toMatchObject({
      port: 9311,
      redisUrl: "redis://127.0.0.1:6379",
      negativeTtlMs: 5000,
      ipHashKey: base.IP_HASH_SECRET,
      timing: false,
      warnings: [],
    })
    expect(edgeConfigFromEnv({ ...base, EDGE_TIMING: "1" }).timing).toBe(true)
  })

  it.each([
    [{ DATABASE_URL: "" }, /DATABASE_URL is required/],
    [{ PORT: "http" }, /PORT must be a whole number/],
    [{ PORT: "70000" }, /PORT must be at most 65535/],
    [{ CLICK_BURST_LIMIT: "many" }, /^CLICK_BURST_LIMIT: /],
    [{ PRODUCT_PATH: "/p/{sku}" }, /^PRODUCT_PATH: /],
    [{ PRODUCT_PATH: "/{country}/{handle}" }, /^DEFAULT_COUNTRY: is required/],
    [{ STOREFRONT_URL: "javascript:alert(1)" }, /^STOREFRONT_URL: /],
    [{ VISITOR_COOKIE: "a b" }, /^VISITOR_COOKIE: /],
    [{ EDGE_DB_POOL_SIZE: "-1" }, /EDGE_DB_POOL_SIZE must be a whole number/],
    [
      { IP_HASH_SECRET: "", NODE_ENV: "production" },
      /^IP_HASH_SECRET: .*16 characters/,
    ],
  ])("refuses %j, naming the variable", (env, message) => {
    expect(() => edgeConfigFromEnv({ ...base, ...env })).toThrow(message)
    expect(() => edgeConfigFromEnv({ ...base, ...env })).toThrow(
      EdgeConfigError
    )
  })

  it("warns and uses a process key without a secret outside production", () => {
    const c = edgeConfigFromEnv({ DATABASE_URL: base.DATABASE_URL })
    expect(c.ipHashKey).toMatch(/^[0-9a-f]{64}$/)
    expect(c.warnings[0]).toContain("IP_HASH_SECRET")
  })
})
