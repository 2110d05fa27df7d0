import fs from "node:fs"
import path from "node:path"
import fc from "fast-check"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import {
  StoreFixture,
  createApprovedBuyer,
  createStoreFixture,
  sql,
} from "../helpers/fixtures"
import { RawResponse, rawRequest } from "../helpers/raw-http"

jest.setTimeout(600 * 1000)

/**
 * The fuzz table: every plugin route, with what a valid request to it looks
 * like. The first test fails when a route file has a method without an
 * entry, so every route added later joins the table. Each entry is then
 * sent a fixed set of hostile variations (malformed paths, NUL and unpaired
 * surrogates, wrong types, nulls, arrays for scalars, unknown fields, huge
 * strings, injection strings, bodies that are not JSON) and a few thousand
 * generated ones. The answer is never a 5xx; a 400 names the field at
 * fault; a refused request writes nothing; and a buyer's routes never
 * answer with another buyer's data.
 */
type Ctx = {
  noteA: string
  noteB: string
  codeA: string
  buyerA: string
  buyerB: string
  ruleId: string
  settlementB: string
  cartId: string
  productId: string
  variantId: string
  commentA: string
  commentB: string
  promoCodeA: string
}

type Auth = "admin" | "customer" | "store" | "none"

type RouteSpec = {
  method: "GET" | "POST" | "DELETE" | "HEAD"
  path: string
  auth: Auth
  params?: (c: Ctx) => Record<string, string>
  query?: (c: Ctx) => Record<string, string>
  body?: (c: Ctx) => Record<string, unknown>
  /** Path parameters naming another buyer's records: must be a 404 without their data. */
  foreign?: (c: Ctx) => Record<string, string>
}

const noteBody = (c: Ctx) => ({
  title: "Fuzzed cream",
  body: "A **rich** cream 面霜",
  status: "draft",
  locale: "en",
  tags: ["skin"],
  images: [{ url: "https://img.example/a.jpg", alt: "jar" }],
  products: [
    { product_id: c.productId, image_index: 0, x: 0.5, y: 0.5, caption: "c" },
  ],
  metadata: { k: "v" },
})
const noteId = (c: Ctx) => ({ id: c.noteA })
const settlementId = (c: Ctx) => ({ id: c.settlementB })
const listPage = { limit: "10", offset: "0" }

export const FUZZ_TABLE: RouteSpec[] = [
  // Store: notes.
  {
    method: "GET",
    path: "/store/notes",
    auth: "store",
    query: (c) => ({
      q: "cream",
      tag: "skin",
      product_id: c.productId,
      buyer: "buyer_a",
      note_locale: "en",
      sort: "trending",
      ...listPage,
    }),
  },
  {
    method: "GET",
    path: "/store/notes/:id",
    auth: "store",
    params: noteId,
    query: () => ({ currency_code: "eur" }),
  },
  // Store: comments (customer A comments on A's note; B's comment on B's
  // note is another's, which A cannot delete).
  {
    method: "GET",
    path: "/store/notes/:id/comments",
    auth: "store",
    params: noteId,
    query: () => listPage,
  },
  // The same route paging one comment's replies.
  {
    method: "GET",
    path: "/store/notes/:id/comments",
    auth: "store",
    params: noteId,
    query: (c) => ({ parent_id: c.commentA, ...listPage }),
  },
  {
    method: "POST",
    path: "/store/notes/:id/comments",
    auth: "customer",
    params: noteId,
    body: (c) => ({
      body: "Fuzzed <b>comment</b> 评论",
      parent_id: c.commentA,
    }),
  },
  {
    method: "DELETE",
    path: "/store/notes/:id/comments/:comment_id",
    auth: "customer",
    params: (c) => ({ id: c.noteA, comment_id: c.commentA }),
    body: () => ({}),
    foreign: (c) => ({ id: c.noteB, comment_id: c.commentB }),
  },
  // Store: a customer's likes and saves (any published note).
  ...(["POST", "DELETE"] as const).flatMap((method) =>
    ["like", "save"].map((action): RouteSpec => ({
      method,
      path: `/store/notes/:id/${action}`,
      auth: "customer",
      params: noteId,
      body: () => ({}),
    }))
  ),
  // Store: the note page's view beacon (any reader, no body).
  {
    method: "POST",
    path: "/store/notes/:id/views",
    auth: "store",
    params: noteId,
    body: () => ({}),
  },
  {
    method: "GET",
    path: "/store/customers/me/saved-notes",
    auth: "customer",
    query: () => listPage,
  },
  // Store: follows (customer A follows buyer B). The feed and the list of
  // followed buyers come first: once A follows B they show B's public notes
  // and profile, which this table counts as another buyer's data.
  {
    method: "GET",
    path: "/store/notes",
    auth: "customer",
    query: () => ({ feed: "following", q: "cream", tag: "skin", ...listPage }),
  },
  {
    method: "GET",
    path: "/store/customers/me/following",
    auth: "customer",
    query: () => listPage,
  },
  {
    method: "GET",
    path: "/store/buyers/:handle",
    auth: "store",
    params: () => ({ handle: "buyer_a" }),
  },
  ...(["POST", "DELETE"] as const).map((method): RouteSpec => ({
    method,
    path: "/store/buyers/:handle/follow",
    auth: "customer",
    params: () => ({ handle: "buyer_b" }),
    body: () => ({}),
  })),
  // Store: the buyer's own.
  {
    method: "POST",
    path: "/store/buyers",
    auth: "customer",
    body: () => ({ handle: "new_handle", display_name: "New", bio: "b" }),
  },
  { method: "GET", path: "/store/buyers/me", auth: "customer" },
  {
    method: "POST",
    path: "/store/buyers/me",
    auth: "customer",
    body: () => ({ display_name: "A", bio: "bio" }),
  },
  {
    method: "GET",
    path: "/store/buyers/me/notes",
    auth: "customer",
    query: () => ({ status: "draft", q: "cream", ...listPage }),
  },
  {
    method: "POST",
    path: "/store/buyers/me/notes",
    auth: "customer",
    body: noteBody,
  },
  {
    method: "GET",
    path: "/store/buyers/me/notes/:id",
    auth: "customer",
    params: noteId,
    foreign: (c) => ({ id: c.noteB }),
  },
  {
    method: "POST",
    path: "/store/buyers/me/notes/:id",
    auth: "customer",
    params: noteId,
    body: (c) => ({ title: "Edited", products: noteBody(c).products }),
    foreign: (c) => ({ id: c.noteB }),
  },
  {
    method: "GET",
    path: "/store/buyers/me/commissions",
    auth: "customer",
    query: () => ({ status: "pending", currency_code: "eur", ...listPage }),
  },
  { method: "GET", path: "/store/buyers/me/balance", auth: "customer" },
  {
    method: "GET",
    path: "/store/buyers/me/settlements",
    auth: "customer",
    query: () => ({ status: "paid", currency_code: "eur", ...listPage }),
  },
  {
    method: "GET",
    path: "/store/buyers/me/settlements/:id",
    auth: "customer",
    params: settlementId,
    query: () => listPage,
    foreign: settlementId,
  },
  {
    method: "GET",
    path: "/store/buyers/me/settlements/:id/statement",
    auth: "customer",
    params: settlementId,
    foreign: settlementId,
  },
  {
    method: "GET",
    path: "/store/buyers/me/report",
    auth: "customer",
    query: () => ({
      preset: "30d",
      tz: "Asia/Kathmandu",
      interval: "day",
      group_by: "note",
      order_by: "net",
      order: "desc",
      currency_code: "eur",
      format: "json",
      ...listPage,
    }),
  },
  { method: "GET", path: "/store/buyers/me/promo-codes", auth: "customer" },
  { method: "GET", path: "/store/buyers/me/payout-account", auth: "customer" },
  { method: "POST", path: "/store/buyers/me/payout-account", auth: "customer" },
  {
    method: "POST",
    path: "/store/carts/:id/referral",
    auth: "store",
    params: (c) => ({ id: c.cartId }),
    body: () => ({ click_id: "click_01JD0000000000000000000000" }),
  },
  // Admin: notes.
  {
    method: "GET",
    path: "/admin/notes",
    auth: "admin",
    query: (c) => ({
      q: "cream",
      status: "published",
      buyer_id: c.buyerA,
      locale: "en",
      tag: "skin",
      product_id: c.productId,
      order: "-published_at",
      ...listPage,
    }),
  },
  { method: "POST", path: "/admin/notes", auth: "admin", body: noteBody },
  { method: "GET", path: "/admin/notes/:id", auth: "admin", params: noteId },
  {
    method: "POST",
    path: "/admin/notes/:id",
    auth: "admin",
    params: noteId,
    body: () => ({ title: "Edited by the merchant" }),
  },
  { method: "DELETE", path: "/admin/notes/:id", auth: "admin", params: noteId },
  {
    method: "POST",
    path: "/admin/notes/:id/products",
    auth: "admin",
    params: noteId,
    body: (c) => ({ remove: [c.productId] }),
  },
  {
    method: "POST",
    path: "/admin/notes/:id/hide",
    auth: "admin",
    params: noteId,
    body: () => ({ reason: "spam" }),
  },
  {
    method: "POST",
    path: "/admin/notes/:id/restore",
    auth: "admin",
    params: noteId,
  },
  {
    method: "GET",
    path: "/admin/notes/:id/report",
    auth: "admin",
    params: noteId,
    query: () => ({
      from: "2026-03-01",
      to: "2026-03-07T12:00:00Z",
      tz: "America/New_York",
      interval: "hour",
      group_by: "product",
      order_by: "conversion",
      order: "asc",
      format: "csv",
      ...listPage,
    }),
  },
  // Admin: comment moderation.
  {
    method: "GET",
    path: "/admin/note-comments",
    auth: "admin",
    query: (c) => ({
      note_id: c.noteA,
      buyer_id: c.buyerA,
      customer_id: "cus_1",
      status: "visible",
      q: "comment",
      created_from: "2026-01-01",
      created_to: "2030-01-01T00:00:00Z",
      ...listPage,
    }),
  },
  {
    method: "POST",
    path: "/admin/note-comments/:id/hide",
    auth: "admin",
    params: (c) => ({ id: c.commentB }),
    body: () => ({ reason: "spam" }),
  },
  {
    method: "POST",
    path: "/admin/note-comments/:id/restore",
    auth: "admin",
    params: (c) => ({ id: c.commentB }),
  },
  // Admin: buyers.
  {
    method: "GET",
    path: "/admin/buyers",
    auth: "admin",
    query: () => ({
      q: "buyer",
      status: "approved",
      tier: "gold",
      id: "buyer_a,buyer_b",
      order: "-handle",
      ...listPage,
    }),
  },
  {
    method: "GET",
    path: "/admin/buyers/:id",
    auth: "admin",
    params: (c) => ({ id: c.buyerA }),
  },
  {
    method: "POST",
    path: "/admin/buyers/:id",
    auth: "admin",
    params: (c) => ({ id: c.buyerA }),
    body: () => ({ tier: "gold", metadata: { k: 1 } }),
  },
  {
    method: "POST",
    path: "/admin/buyers/:id/approve",
    auth: "admin",
    params: (c) => ({ id: c.buyerA }),
  },
  {
    method: "POST",
    path: "/admin/buyers/:id/suspend",
    auth: "admin",
    params: (c) => ({ id: c.buyerA }),
    body: () => ({ reason: "fraud" }),
  },
  {
    method: "GET",
    path: "/admin/buyers/:id/payout-account",
    auth: "admin",
    params: (c) => ({ id: c.buyerA }),
  },
  {
    method: "GET",
    path: "/admin/buyers/:id/report",
    auth: "admin",
    params: (c) => ({ id: c.buyerA }),
    query: () => ({
      from: "2026-01-01",
      to: "2026-12-31",
      tz: "Australia/Lord_Howe",
      interval: "week",
      group_by: "utm_source",
      order_by: "unique_visitors",
      ...listPage,
    }),
  },
  {
    method: "GET",
    path: "/admin/buyers/:id/promo-codes",
    auth: "admin",
    params: (c) => ({ id: c.buyerA }),
  },
  {
    method: "POST",
    path: "/admin/buyers/:id/promo-codes",
    auth: "admin",
    params: (c) => ({ id: c.buyerA }),
    body: () => ({
      code: "FUZZ10",
      type: "fixed",
      value: "5",
      currency_code: "eur",
      usage_limit: 10,
      starts_at: "2026-01-01",
      ends_at: "2027-01-01",
    }),
  },
  {
    method: "POST",
    path: "/admin/buyers/:id/promo-codes/:code_id/disable",
    auth: "admin",
    params: (c) => ({ id: c.buyerA, code_id: c.promoCodeA }),
  },
  {
    method: "POST",
    path: "/admin/buyers/:id/promo-codes/:code_id/enable",
    auth: "admin",
    params: (c) => ({ id: c.buyerA, code_id: c.promoCodeA }),
  },
  // Admin: commission rules.
  {
    method: "GET",
    path: "/admin/commission-rules",
    auth: "admin",
    query: (c) => ({
      scope: "default",
      is_active: "true",
      buyer_id: c.buyerA,
      order: "-starts_at",
      ...listPage,
    }),
  },
  {
    method: "POST",
    path: "/admin/commission-rules",
    auth: "admin",
    body: () => ({
      scope: "default",
      type: "percentage",
      rate: "12.5",
      starts_at: "2026-01-01T00:00:00Z",
      is_active: true,
    }),
  },
  {
    method: "GET",
    path: "/admin/commission-rules/preview",
    auth: "admin",
    query: (c) => ({
      product_id: c.productId,
      variant_id: c.variantId,
      buyer_id: c.buyerA,
      currency_code: "eur",
    }),
  },
  {
    // Without a buyer: the default for a tier (the product widget's read).
    method: "GET",
    path: "/admin/commission-rules/preview",
    auth: "admin",
    query: (c) => ({
      product_id: c.productId,
      tier: "gold",
      currency_code: "eur",
    }),
  },
  {
    method: "GET",
    path: "/admin/commission-rules/:id",
    auth: "admin",
    params: (c) => ({ id: c.ruleId }),
  },
  {
    method: "POST",
    path: "/admin/commission-rules/:id",
    auth: "admin",
    params: (c) => ({ id: c.ruleId }),
    body: () => ({ rate: "10", ends_at: "2030-01-01T00:00:00Z" }),
  },
  {
    method: "DELETE",
    path: "/admin/commission-rules/:id",
    auth: "admin",
    params: (c) => ({ id: c.ruleId }),
  },
  // Admin: the ledger.
  {
    method: "GET",
    path: "/admin/commissions",
    auth: "admin",
    query: (c) => ({
      buyer_id: c.buyerA,
      status: "pending",
      type: "accrual",
      currency_code: "eur",
      created_from: "2026-01-01",
      created_to: "2027-01-01",
      order: "amount",
      ...listPage,
    }),
  },
  {
    method: "GET",
    path: "/admin/commissions/balances",
    auth: "admin",
    query: (c) => ({ buyer_id: c.buyerA, currency_code: "eur" }),
  },
  {
    method: "POST",
    path: "/admin/commissions/adjustments",
    auth: "admin",
    body: (c) => ({
      buyer_id: c.buyerA,
      currency_code: "eur",
      amount: "-1.50",
      reason: "correction",
    }),
  },
  {
    method: "POST",
    path: "/admin/commissions/hold",
    auth: "admin",
    body: () => ({ order_id: "order_missing" }),
  },
  {
    method: "POST",
    path: "/admin/commissions/release",
    auth: "admin",
    body: () => ({ order_id: "order_missing" }),
  },
  {
    method: "GET",
    path: "/admin/orders/:id/attribution",
    auth: "admin",
    params: () => ({ id: "order_missing" }),
  },
  // Admin: settlements.
  {
    method: "GET",
    path: "/admin/settlements",
    auth: "admin",
    query: (c) => ({
      buyer_id: c.buyerB,
      status: "processing",
      provider: "manual",
      format: "json",
      order: "-paid_at",
      ...listPage,
    }),
  },
  {
    method: "POST",
    path: "/admin/settlements",
    auth: "admin",
    body: (c) => ({ buyer_id: c.buyerA, currency_code: "eur" }),
  },
  {
    method: "GET",
    path: "/admin/settlements/:id",
    auth: "admin",
    params: settlementId,
    query: () => ({ format: "json", ...listPage }),
  },
  {
    method: "POST",
    path: "/admin/settlements/:id/retry",
    auth: "admin",
    params: settlementId,
  },
  {
    method: "POST",
    path: "/admin/settlements/:id/mark-paid",
    auth: "admin",
    params: settlementId,
    body: () => ({ reference: "SEPA-1" }),
  },
  {
    method: "POST",
    path: "/admin/settlements/:id/mark-failed",
    auth: "admin",
    params: settlementId,
    body: () => ({ reason: "bounced" }),
  },
  { method: "GET", path: "/admin/clicks/health", auth: "admin" },
  {
    method: "GET",
    path: "/admin/program-report",
    auth: "admin",
    query: (c) => ({
      preset: "ytd",
      tz: "UTC",
      group_by: "buyer",
      key: c.buyerA,
      order_by: "dropped.bot",
      currency_code: "usd",
      format: "csv",
      signals: "include",
      ...listPage,
    }),
  },
  // Webhook and redirect.
  {
    method: "POST",
    path: "/webhooks/stripe",
    auth: "none",
    body: () => ({ id: "evt_1", type: "account.updated" }),
  },
  {
    method: "GET",
    path: "/r/:code",
    auth: "none",
    params: (c) => ({ code: c.codeA }),
    query: () => ({ utm_source: "fuzz", utm_campaign: "c" }),
  },
  {
    method: "HEAD",
    path: "/r/:code",
    auth: "none",
    params: (c) => ({ code: c.codeA }),
  },
]

/** `METHOD /path/:param` of every method exported by a route file. */
function routesOnDisk(): string[] {
  const root = path.join(__dirname, "../../src/api")
  const out: string[] = []
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) {
        walk(full)
      } else if (entry.name === "route.ts") {
        const route = `/${path
          .relative(root, dir)
          .split(path.sep)
          .map((s) => s.replace(/^\[(.+)\]$/, ":$1"))
          .join("/")}`
        const text = fs.readFileSync(full, "utf8")
        for (const m of text.matchAll(
          /^export (?:async function|const) (GET|POST|DELETE|HEAD|PUT|PATCH)\b/gm
        )) {
          out.push(`${m[1]} ${route}`)
        }
      }
    }
  }
  walk(root)
  return out.sort()
}

// Values that have broken a route somewhere before, or break them in general.
const BAD_SEGMENTS = [
  "%ZZ",
  "%E0%A4%A",
  "%ED%A0%80",
  "%",
  "%00",
  "x".repeat(3000),
  "'%20OR%20'1'%3D'1",
  "..%2F..%2Fetc%2Fpasswd",
  "%F0%9F%98%80",
  "%3Cscript%3E",
]
const BAD_QUERY_VALUES = [
  "%00",
  "%ED%A0%80",
  "",
  "0x10",
  "0b11",
  "true",
  "-1",
  "1e309",
  "%27%20OR%20%271%27%3D%271",
  "x".repeat(5000),
  "%F0%9F%98%80",
  "+275760-09-13T00:00:00Z",
]
const BAD_BODY_VALUES: unknown[] = [
  null,
  0,
  -1,
  1e308,
  5e-324,
  "",
  "x",
  true,
  [],
  {},
  ["a", "b"],
  { $gt: "" },
  "\u0000",
  "\ud800",
  "x".repeat(60_000),
  "<script>alert(1)</script>",
  "' OR '1'='1",
  "+275760-09-13T00:00:00Z",
  [{ product_id: "\u0000" }],
]

type Case = {
  method: string
  path: string
  body?: string
  contentType?: string | null
  /** Strings of the request that may come back in a message. */
  sent: string[]
}

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let f: StoreFixture
    let ctx: Ctx
    let headers: Record<Auth, Record<string, string>>
    const SECRET = "SECRET-OF-BUYER-B"
    const tally = { sent: 0, byStatus: {} as Record<string, number> }

    const fingerprint = async () => {
      const tables = [
        "note",
        "note_product",
        "note_comment",
        "buyer",
        "buyer_follow",
        "commission_rule",
        "commission_entry",
        "settlement",
        "settlement_run",
        "settlement_skip",
        "payout_account",
        "order_attribution",
        "attribution_line",
        "cart",
      ]
      const rows = await sql<{ f: string }>(
        getContainer(),
        `SELECT concat_ws('|', ${tables
          .map(
            (t) =>
              `(SELECT count(*) || ':' || coalesce(max(updated_at)::text, '') || ':' || coalesce(max(deleted_at)::text, '') FROM ${t})`
          )
          .join(", ")}) AS f`
      )
      return rows[0].f
    }

    async function setup() {
      const c = getContainer()
      f = await createStoreFixture(c)
      const a = await createApprovedBuyer(api, c, f, "a@fuzz.test", "buyer_a")
      const b = await createApprovedBuyer(api, c, f, "b@fuzz.test", "buyer_b")
      const product = f.products[0]
      const mk = async (
        session: { headers: { headers: Record<string, string> } },
        title: string
      ) =>
        (
          await api.post(
            "/store/buyers/me/notes",
            {
              title,
              body: title,
              status: "published",
              products: [{ product_id: product.id }],
            },
            session.headers
          )
        ).data.note
      const noteA = await mk(a.session, "Note of A")
      const noteB = await mk(b.session, SECRET)
      const rule = (
        await api.post(
          "/admin/commission-rules",
          { scope: "default", type: "percentage", rate: "10" },
          f.adminHeaders
        )
      ).data.commission_rule
      await api.post(
        "/admin/commissions/adjustments",
        {
          buyer_id: b.buyerId,
          currency_code: "eur",
          amount: "77.77",
          reason: SECRET,
        },
        f.adminHeaders
      )
      const run = await api.post(
        "/admin/settlements",
        { buyer_id: b.buyerId },
        f.adminHeaders
      )
      const commentOn = async (
        session: { headers: { headers: Record<string, string> } },
        note: string
      ) =>
        (
          await api.post(
            `/store/notes/${note}/comments`,
            { body: "A comment" },
            session.headers
          )
        ).data.comment.id as string
      const commentA = await commentOn(a.session, noteA.id)
      const commentB = await commentOn(b.session, noteB.id)
      const promoCodeA = (
        await api.post(
          `/admin/buyers/${a.buyerId}/promo-codes`,
          { code: "BUYERA10", type: "percentage", value: "10" },
          f.adminHeaders
        )
      ).data.promo_code.id as string
      const cart = (
        await api.post(
          "/store/carts",
          { region_id: f.regionId, sales_channel_id: f.salesChannelId },
          f.storeHeaders
        )
      ).data.cart
      ctx = {
        noteA: noteA.id,
        noteB: noteB.id,
        codeA: noteA.products[0].code,
        buyerA: a.buyerId,
        buyerB: b.buyerId,
        ruleId: rule.id,
        settlementB: run.data.settlements[0].id,
        cartId: cart.id,
        productId: product.id,
        variantId: product.variants[0].id,
        commentA,
        commentB,
        promoCodeA,
      }
      headers = {
        admin: f.adminHeaders.headers,
        customer: a.session.headers.headers,
        store: f.storeHeaders.headers,
        none: {},
      }
    }

    const fill = (route: RouteSpec, params: Record<string, string>) =>
      route.path.replace(/:(\w+)/g, (_, k) => params[k] ?? "missing")

    const qs = (q: Record<string, string>) =>
      Object.entries(q)
        .map(([k, v]) => `${k}=${v}`)
        .join("&")

    /** The fixed hostile variations of one route. */
    function casesOf(route: RouteSpec): Case[] {
      const params = route.params?.(ctx) ?? {}
      const query = route.query?.(ctx) ?? {}
      const body = route.body?.(ctx) ?? {}
      const hasBody = route.method === "POST" || route.method === "DELETE"
      const validBody = JSON.stringify(body)
      const base = (p: string, extra: Partial<Case> = {}): Case => ({
        method: route.method,
        path: p,
        body: hasBody ? validBody : undefined,
        sent: [],
        ...extra,
      })
      const out: Case[] = []
      const url = fill(route, params)
      for (const name of Object.keys(params)) {
        for (const bad of BAD_SEGMENTS) {
          out.push(
            base(fill(route, { ...params, [name]: bad }), { sent: [bad] })
          )
        }
      }
      for (const key of [...Object.keys(query), "zz_unknown"]) {
        for (const bad of BAD_QUERY_VALUES) {
          const q = { ...query, [key]: bad }
          out.push(base(`${url}?${qs(q)}`, { sent: [bad] }))
        }
        out.push(base(`${url}?${qs(query)}&${key}=a&${key}=b`))
        out.push(base(`${url}?${qs(query)}&${key}[x]=1`))
      }
      if (hasBody) {
        const fields = [...Object.keys(body), "zz_unknown"]
        for (const field of fields) {
          for (const bad of BAD_BODY_VALUES) {
            out.push(
              base(url, {
                body: JSON.stringify({ ...body, [field]: bad }),
                sent: typeof bad === "string" ? [bad] : [],
              })
            )
          }
        }
        for (const whole of [
          "[]",
          '"x"',
          "null",
          "1",
          '{"a":',
          `{"metadata":${'{"a":'.repeat(100)}1${"}".repeat(100)}}`,
          '{"\\u0000":1}',
        ]) {
          out.push(base(url, { body: whole }))
        }
        for (const contentType of [
          null,
          "text/plain",
          "application/x-www-form-urlencoded",
          "multipart/form-data; boundary=x",
          "application/xml",
          "application/vnd.api+json",
        ]) {
          out.push(base(url, { contentType }))
        }
      }
      return out
    }

    async function send(route: RouteSpec, c: Case): Promise<RawResponse> {
      const res = await rawRequest(api.defaults.baseURL as string, {
        method: c.method,
        path: c.path,
        body: c.body,
        headers: {
          ...headers[route.auth],
          ...(c.body !== undefined && c.contentType !== null
            ? { "content-type": c.contentType ?? "application/json" }
            : {}),
        },
      })
      tally.sent++
      tally.byStatus[res.status] = (tally.byStatus[res.status] ?? 0) + 1
      return res
    }

    /** The invariants every answer keeps. */
    function check(route: RouteSpec, c: Case, res: RawResponse) {
      const where = `${c.method} ${c.path.slice(0, 200)} ${c.body?.slice(0, 200) ?? ""}`
      if (res.status >= 500) {
        throw new Error(
          `${where} answered ${res.status}: ${res.body.slice(0, 300)}`
        )
      }
      if (route.path.startsWith("/r/")) {
        if (res.status !== 302) {
          throw new Error(`${where}: a buy link answered ${res.status}`)
        }
        return
      }
      if (res.status === 400) {
        const message: string = res.json?.message ?? ""
        // `field: what is wrong` (the field with its path), or several such.
        if (!/^(?:[\w$.-]|\[\d+\]|\[".*?"\])+: /.test(message)) {
          throw new Error(`${where}: a 400 that names no field: ${message}`)
        }
      }
      if (res.body.includes(SECRET) || res.body.includes(ctx.buyerB)) {
        const echoed = c.sent.some((s) => s.includes(ctx.buyerB))
        if (route.auth !== "admin" && !echoed) {
          throw new Error(`${where}: answered another buyer's data`)
        }
      }
    }

    async function run(route: RouteSpec, c: Case) {
      const before = await fingerprint()
      const res = await send(route, c)
      check(route, c, res)
      if (res.status >= 400 && route.auth !== "none") {
        const after = await fingerprint()
        if (after !== before) {
          throw new Error(
            `${c.method} ${c.path.slice(0, 200)}: refused with ${res.status} but wrote`
          )
        }
      }
      return res
    }

    it("has an entry for every route file's every method", () => {
      // A route may have several rows (the preview with a buyer and with a tier).
      const table = [
        ...new Set(FUZZ_TABLE.map((r) => `${r.method} ${r.path}`)),
      ].sort()
      expect(routesOnDisk()).toEqual(table)
    })

    it("keeps every invariant for the fixed hostile cases of every route", async () => {
      await setup()
      // Routes that change the fixtures' state run last.
      const order = (r: RouteSpec) =>
        r.path.startsWith("/r/") ? 2 : r.method === "DELETE" ? 1 : 0
      // Every violation, one per route and kind, so one run shows them all.
      const violations = new Map<string, string>()
      for (const route of [...FUZZ_TABLE].sort((a, b) => order(a) - order(b))) {
        for (const c of casesOf(route)) {
          try {
            await run(route, c)
          } catch (e) {
            const message = (e as Error).message
            const kind = message
              .replace(/^.*?(answered|a 400|refused|a buy)/, "$1")
              .slice(0, 60)
            violations.set(`${route.method} ${route.path} ${kind}`, message)
          }
        }
        if (route.foreign) {
          const url = fill(route, route.foreign(ctx))
          const res = await send(route, {
            method: route.method,
            path: url,
            body: route.body ? JSON.stringify(route.body(ctx)) : undefined,
            sent: [],
          })
          expect({ url, status: res.status }).toEqual({ url, status: 404 })
          expect(res.body).not.toContain(SECRET)
        }
      }
      console.log(`fuzz: fixed cases ${JSON.stringify(tally)}`)
      expect([...violations.values()]).toEqual([])
    })

    it("keeps every invariant for generated bodies and queries", async () => {
      await setup()
      const before = tally.sent
      const key = fc.oneof(
        fc.constantFrom(
          "title",
          "products",
          "metadata",
          "amount",
          "id",
          "limit"
        ),
        fc.string({ maxLength: 12, unit: "binary" })
      )
      const json = fc.jsonValue({ maxDepth: 4 })
      const routes = FUZZ_TABLE.filter((r) => !r.path.startsWith("/r/"))
      for (const route of routes) {
        const params = route.params?.(ctx) ?? {}
        const url = fill(route, params)
        const hasBody = route.method === "POST" || route.method === "DELETE"
        const validBody = route.body?.(ctx) ?? {}
        const validQuery = route.query?.(ctx) ?? {}
        await fc.assert(
          fc.asyncProperty(
            fc.dictionary(key, json, { maxKeys: 4 }),
            fc.dictionary(
              fc.constantFrom(...Object.keys(validQuery), "zz"),
              fc.string({ maxLength: 40, unit: "binary" }),
              { maxKeys: 3 }
            ),
            fc.boolean(),
            async (extra, queryExtra, mergeValid) => {
              const q = { ...validQuery, ...queryExtra }
              const body = mergeValid ? { ...validBody, ...extra } : extra
              const c: Case = {
                method: route.method,
                path: `${url}?${Object.entries(q)
                  .map(
                    ([k, v]) =>
                      `${encodeURIComponent(k)}=${encodeURIComponent(wellFormed(v))}`
                  )
                  .join("&")}`,
                body: hasBody ? JSON.stringify(body) : undefined,
                sent: [],
              }
              await run(route, c)
            }
          ),
          { numRuns: 60, seed: 20261201 }
        )
      }
      console.log(`fuzz: generated cases ${tally.sent - before}`)
    })
  },
})

/** A string with unpaired surrogates replaced (what encodeURIComponent accepts). */
function wellFormed(s: string): string {
  return (s as unknown as { toWellFormed(): string }).toWellFormed()
}
