import { once } from "node:events"
import http from "node:http"
import type { AddressInfo } from "node:net"
import Medusa, { FetchError } from "@medusajs/js-sdk"
import type { z } from "@medusajs/framework/zod"
import {
  StoreApplyBuyer,
  StoreCreateBuyerNote,
  StoreGetBuyerNotesParams,
  StoreGetMyCommissionsParams,
  StoreGetMySettlementParams,
  StoreGetMySettlementsParams,
  StoreUpdateBuyer,
  StoreUpdateBuyerNote,
} from "../../api/store/buyers/validators"
import { StoreGetMyReportParams } from "../../api/store/buyers/me/report/validators"
import { StoreCartReferral } from "../../api/store/carts/validators"
import {
  StoreGetNoteParams,
  StoreGetNotesParams,
} from "../../api/store/notes/validators"
import type { forBuyer } from "../../api/utils/settlements-read"
import type { serializeEntry } from "../../api/utils/commissions-read"
import { mintClickId } from "../../modules/attribution/utils/ids"
import type {
  LedgerBalance,
  SettlementStatus as ServerSettlementStatus,
  SkipReason,
} from "../../modules/commission/types"
import type { ReportAnswer } from "../../reports/compose"
import type { ReportMetric as ServerReportMetric } from "../../reports/metrics"
import {
  createNotesClient,
  type NotesFetchInit,
  type NotesSdk,
  type ReportMetric,
  type StoreApplyBuyerBody,
  type StoreBalance,
  type StoreBuyerNotesListParams,
  type StoreCartReferralBody,
  type StoreCommissionEntry,
  type StoreCommissionsListParams,
  type StoreCreateBuyerNoteBody,
  type StoreNoteParams,
  type StoreNotesListParams,
  type StoreReportParams,
  type StoreReportResponse,
  type StoreSettlement,
  type StoreSettlementParams,
  type StoreSettlementsListParams,
  type StoreSettlementsListResponse,
  type StoreUpdateBuyerBody,
  type StoreUpdateBuyerNoteBody,
} from ".."

// ---------------------------------------------------------------------------
// The types against the server's own: a drift is a type error in
// `npm run typecheck` (which covers this file).

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
type Fits<A, B> = [A] extends [B] ? true : false
type In<S extends z.ZodTypeAny> = z.input<S>

const typeChecks: true[] = [
  // Responses.
  true as Same<StoreReportResponse, ReportAnswer>,
  true as Same<ReportMetric, ServerReportMetric>,
  true as Same<StoreBalance, Omit<LedgerBalance, "buyer_id">>,
  true as Same<StoreSettlement["status"], ServerSettlementStatus>,
  true as Same<
    StoreSettlementsListResponse["skipped"][number]["reason"],
    SkipReason
  >,
  true as Same<keyof StoreSettlement, keyof ReturnType<typeof forBuyer>>,
  true as Same<
    keyof StoreCommissionEntry,
    keyof ReturnType<typeof serializeEntry>
  >,
  // Requests: the same keys as the route's schema, and values it takes.
  true as Same<
    keyof StoreNotesListParams,
    keyof In<typeof StoreGetNotesParams>
  >,
  true as Fits<StoreNotesListParams, In<typeof StoreGetNotesParams>>,
  true as Same<keyof StoreNoteParams, keyof In<typeof StoreGetNoteParams>>,
  true as Fits<StoreNoteParams, In<typeof StoreGetNoteParams>>,
  true as Same<keyof StoreApplyBuyerBody, keyof In<typeof StoreApplyBuyer>>,
  true as Fits<StoreApplyBuyerBody, In<typeof StoreApplyBuyer>>,
  true as Same<keyof StoreUpdateBuyerBody, keyof In<typeof StoreUpdateBuyer>>,
  true as Fits<StoreUpdateBuyerBody, In<typeof StoreUpdateBuyer>>,
  true as Same<
    keyof StoreBuyerNotesListParams,
    keyof In<typeof StoreGetBuyerNotesParams>
  >,
  true as Fits<StoreBuyerNotesListParams, In<typeof StoreGetBuyerNotesParams>>,
  true as Same<
    keyof StoreCreateBuyerNoteBody,
    keyof In<typeof StoreCreateBuyerNote>
  >,
  true as Fits<StoreCreateBuyerNoteBody, In<typeof StoreCreateBuyerNote>>,
  true as Same<
    keyof StoreUpdateBuyerNoteBody,
    keyof In<typeof StoreUpdateBuyerNote>
  >,
  true as Fits<StoreUpdateBuyerNoteBody, In<typeof StoreUpdateBuyerNote>>,
  true as Same<
    keyof StoreCommissionsListParams,
    keyof In<typeof StoreGetMyCommissionsParams>
  >,
  true as Fits<
    StoreCommissionsListParams,
    In<typeof StoreGetMyCommissionsParams>
  >,
  true as Same<
    keyof StoreSettlementsListParams,
    keyof In<typeof StoreGetMySettlementsParams>
  >,
  true as Fits<
    StoreSettlementsListParams,
    In<typeof StoreGetMySettlementsParams>
  >,
  true as Same<
    keyof StoreSettlementParams,
    keyof In<typeof StoreGetMySettlementParams>
  >,
  // `format` is the csv method's; `signals` is the program report's.
  true as Same<
    keyof StoreReportParams,
    Exclude<keyof In<typeof StoreGetMyReportParams>, "format" | "signals">
  >,
  true as Fits<StoreReportParams, In<typeof StoreGetMyReportParams>>,
  true as Same<StoreCartReferralBody, In<typeof StoreCartReferral>>,
  // The JS SDK is what the client is made for.
  true as Fits<Medusa, NotesSdk>,
]

// ---------------------------------------------------------------------------

type Call = { input: string; init?: NotesFetchInit }

/** `sdk.client.fetch` recording each call and answering `answer`. */
function recordingSdk(answer: unknown = {}) {
  const calls: Call[] = []
  const sdk: NotesSdk = {
    client: {
      fetch: async <T>(input: string, init?: NotesFetchInit) => {
        calls.push({ input, init })
        return answer as T
      },
    },
  }
  return { sdk, calls }
}

describe("createNotesClient", () => {
  it("should type its requests and answers as the routes take and give them", () => {
    expect(typeChecks.every(Boolean)).toBe(true)
  })

  it("should call each store route with its method, path, query and body", async () => {
    const { sdk, calls } = recordingSdk()
    const c = createNotesClient(sdk)
    const h = { authorization: "Bearer t" }
    const note = { title: "t", body: "b", tags: ["x"] }
    await c.notes.list({ tag: "spring", limit: 10, offset: undefined })
    await c.notes.search("面霜", { note_locale: "zh-CN" })
    await c.notes.retrieve("note_1", { region_id: "reg_1" })
    await c.buyers.apply({ handle: "ann", display_name: "Ann" }, h)
    await c.me.retrieve(h)
    await c.me.update({ bio: null })
    await c.me.notes.list({ status: "draft" })
    await c.me.notes.create(note)
    await c.me.notes.retrieve("note/../x")
    await c.me.notes.update("note_1", { status: "published" })
    await c.me.commissions.list({
      status: ["pending", "approved"],
      type: "accrual",
    })
    await c.me.balance.retrieve()
    await c.me.report.retrieve({ preset: "7d", visitors: "include" })
    await c.me.settlements.list({ status: ["paid", "failed"] })
    await c.me.settlements.retrieve("stl_1", { limit: 500 })
    await c.me.payoutAccount.retrieve()
    await c.me.payoutAccount.startOnboarding()
    await c.carts.setReferral("cart_1", { click_id: "click_X" })
    await c.buyers.retrieve("Lin/x", h)
    await c.buyers.follow("lin", true, h)
    await c.buyers.follow("lin", false, h)

    const get = (input: string, query: object = {}, headers?: object) => ({
      input,
      init: { method: "GET", query, headers },
    })
    const post = (input: string, body: object, headers?: object) => ({
      input,
      init: { method: "POST", body, headers },
    })
    expect(calls).toEqual([
      get("/store/notes", { tag: "spring", limit: 10 }),
      get("/store/notes", { note_locale: "zh-CN", q: "面霜" }),
      get("/store/notes/note_1", { region_id: "reg_1" }),
      post("/store/buyers", { handle: "ann", display_name: "Ann" }, h),
      get("/store/buyers/me", {}, h),
      post("/store/buyers/me", { bio: null }),
      get("/store/buyers/me/notes", { status: "draft" }),
      post("/store/buyers/me/notes", note),
      // An id is one path segment, whatever it holds.
      get("/store/buyers/me/notes/note%2F..%2Fx"),
      post("/store/buyers/me/notes/note_1", { status: "published" }),
      // Lists go comma-separated, as the routes take them.
      get("/store/buyers/me/commissions", {
        status: "pending,approved",
        type: "accrual",
      }),
      get("/store/buyers/me/balance"),
      get("/store/buyers/me/report", { preset: "7d", visitors: "include" }),
      get("/store/buyers/me/settlements", { status: "paid,failed" }),
      get("/store/buyers/me/settlements/stl_1", { limit: 500 }),
      get("/store/buyers/me/payout-account"),
      post("/store/buyers/me/payout-account", {}),
      post("/store/carts/cart_1/referral", { click_id: "click_X" }),
      get("/store/buyers/Lin%2Fx", {}, h),
      {
        input: "/store/buyers/lin/follow",
        init: { method: "POST", headers: h },
      },
      {
        input: "/store/buyers/lin/follow",
        init: { method: "DELETE", headers: h },
      },
    ])
  })

  it("should answer the route's JSON as it came", async () => {
    const answer = { notes: [], count: 0, count_exact: true, limit: 20 }
    const c = createNotesClient(recordingSdk(answer).sdk)
    await expect(c.notes.list()).resolves.toBe(answer)
  })

  it("should attach a valid ref to a cart and skip a bad or expired one", async () => {
    const { sdk, calls } = recordingSdk({ cart: { id: "cart_1" } })
    const c = createNotesClient(sdk)
    const now = Date.UTC(2026, 2, 15)
    const ref = mintClickId(now)
    await expect(
      c.attachReferral("cart_1", ` ${ref}`, { now })
    ).resolves.toEqual({ cart: { id: "cart_1" } })
    expect(calls).toEqual([
      {
        input: "/store/carts/cart_1/referral",
        init: { method: "POST", body: { click_id: ref }, headers: undefined },
      },
    ])
    for (const bad of [null, undefined, "", "click_1", "'; DROP TABLE"]) {
      await expect(c.attachReferral("cart_1", bad, { now })).resolves.toBeNull()
    }
    const old = mintClickId(now - 31 * 86_400_000)
    await expect(c.attachReferral("cart_1", old, { now })).resolves.toBeNull()
    expect(calls).toHaveLength(1)
  })
})

describe("createNotesClient over @medusajs/js-sdk", () => {
  type Seen = {
    method: string
    url: string
    headers: http.IncomingHttpHeaders
    body: string
  }
  const seen: Seen[] = []
  let server: http.Server
  let sdk: Medusa

  // A stand-in Medusa: answers each path as the plugin's route would.
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = ""
      req.on("data", (chunk) => (body += chunk))
      req.on("end", () => {
        seen.push({
          method: req.method!,
          url: req.url!,
          headers: req.headers,
          body,
        })
        const path = req.url!.split("?")[0]
        if (path === "/store/carts/cart_done/referral") {
          res.writeHead(400, { "content-type": "application/json" })
          res.end(
            JSON.stringify({
              type: "not_allowed",
              message: "Cart cart_done is already completed",
            })
          )
        } else if (path.endsWith("/statement")) {
          res.writeHead(200, { "content-type": "text/csv; charset=utf-8" })
          res.end("statement,buyer\r\nsettlement,ann\r\n")
        } else {
          res.writeHead(200, { "content-type": "application/json" })
          res.end(JSON.stringify({ path }))
        }
      })
    })
    server.listen(0, "127.0.0.1")
    await once(server, "listening")
    const { port } = server.address() as AddressInfo
    sdk = new Medusa({
      baseUrl: `http://127.0.0.1:${port}`,
      publishableKey: "pk_test",
    })
  })
  afterAll(async () => {
    server.close()
    await once(server, "close")
  })
  beforeEach(() => {
    seen.length = 0
  })

  it("should send the query the route parses, with the publishable key", async () => {
    const c = createNotesClient(sdk)
    await expect(
      c.me.commissions.list({
        status: ["pending", "on_hold"],
        currency_code: "eur",
        limit: 10,
      })
    ).resolves.toEqual({ path: "/store/buyers/me/commissions" })
    const [req] = seen
    expect(req.method).toBe("GET")
    const url = new URL(req.url, "http://x")
    expect(Object.fromEntries(url.searchParams)).toEqual({
      status: "pending,on_hold",
      currency_code: "eur",
      limit: "10",
    })
    expect(req.headers["x-publishable-api-key"]).toBe("pk_test")
    // What arrives is what the route's schema accepts.
    expect(
      StoreGetMyCommissionsParams.parse(Object.fromEntries(url.searchParams))
    ).toMatchObject({ status: ["pending", "on_hold"], limit: 10 })
  })

  it("should post the click id as the referral route's JSON body", async () => {
    const c = createNotesClient(sdk)
    const ref = mintClickId()
    await c.attachReferral("cart_1", ref)
    const [req] = seen
    expect(req.method).toBe("POST")
    expect(req.url).toBe("/store/carts/cart_1/referral")
    expect(req.headers["content-type"]).toContain("application/json")
    expect(StoreCartReferral.parse(JSON.parse(req.body))).toEqual({
      click_id: ref,
    })
  })

  it("should hand back a statement's CSV as text", async () => {
    const c = createNotesClient(sdk)
    await expect(c.me.settlements.statement("stl_1")).resolves.toBe(
      "statement,buyer\r\nsettlement,ann\r\n"
    )
    expect(seen[0].url).toBe("/store/buyers/me/settlements/stl_1/statement")
    expect(seen[0].headers.accept).toBe("text/csv")
  })

  it("should ask the report for CSV with format=csv", async () => {
    const c = createNotesClient(sdk)
    await c.me.report.csv({ preset: "30d", group_by: "note" })
    const url = new URL(seen[0].url, "http://x")
    expect(url.pathname).toBe("/store/buyers/me/report")
    expect(Object.fromEntries(url.searchParams)).toEqual({
      preset: "30d",
      group_by: "note",
      format: "csv",
    })
  })

  it("should throw the SDK's FetchError with the API's status and message", async () => {
    const c = createNotesClient(sdk)
    const err = await c.attachReferral("cart_done", mintClickId()).then(
      () => null,
      (e: unknown) => e
    )
    expect(err).toBeInstanceOf(FetchError)
    expect(err).toMatchObject({
      status: 400,
      message: "Cart cart_done is already completed",
    })
  })
})
