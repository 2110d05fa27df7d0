/**
 * A small in-memory Stripe API for tests and benchmarks. Point the real SDK at it:
 *
 *   const fake = await startFakeStripe()
 *   const stripe = new Stripe(fake.apiKey, { host: fake.host, port: fake.port, protocol: fake.protocol })
 *
 * It speaks the endpoints we use (accounts, account links, transfers), implements Stripe's
 * idempotency semantics and injects faults per route (FIFO, one fault per request).
 *
 * Idempotency (POST with `Idempotency-Key`):
 * - The key is reserved synchronously, before the latency await, when a request starts
 *   executing. A request arriving while it executes gets 409 `idempotency_error`.
 * - The executed result is saved with the request's params: 2xx, and 4xx business errors
 *   (unknown destination, payouts not enabled, the `decline` fault). Same key + same params
 *   replays it (`Idempotent-Replayed: true`); different params or endpoint → 400.
 * - Nothing is saved when nothing executed: `http_500` / `timeout` faults and parameter
 *   validation errors (missing or invalid amount, currency, ...). Stripe does the same, so a
 *   corrected request may reuse the key.
 * - `decline` replaces the operation only when the request executes; a request that replays a
 *   saved result consumes the fault but still gets the saved result.
 * - `lost_response` runs the request as usual (execute or replay), then destroys the socket.
 * A request answered 401 or 404 consumes no fault.
 */
import { randomBytes } from "node:crypto"
import http, { IncomingMessage, ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import qs, { ParsedQs } from "qs"
import Stripe from "stripe"

export type FakeStripeFault =
  | { kind: "http_500" } // 500 api_error without executing or saving anything
  | { kind: "timeout"; ms?: number } // no execution; hold ms (default 30 s), then destroy
  | { kind: "lost_response" } // execute (and save), then destroy the socket unanswered
  | { kind: "decline"; code?: string; message?: string } // 400, saved like any executed result
export type FakeStripeOptions = {
  latencyMs?: number
  webhookSecret?: string
  /** Port to listen on (default: any free one). */
  port?: number
}
type Route =
  | "transfers.create"
  | "transfers.list"
  | "accounts.create"
  | "account_links.create"
type AccountFlags = "payouts_enabled" | "details_submitted" | "charges_enabled"
type RequestRecord = {
  method: string
  path: string
  idempotencyKey: string | null
  status: number | "destroyed"
}

export type FakeStripe = {
  url: string
  host: string
  port: number
  protocol: "http"
  apiKey: string
  webhookSecret: string
  setLatency(ms: number): void
  inject(route: Route, ...faults: FakeStripeFault[]): void
  transfers(): FakeTransfer[]
  accounts(): FakeAccount[]
  requests(): RequestRecord[]
  /** Resolves once a request with idempotency key `key` is executing. */
  whenExecuting(key: string): Promise<void>
  /** Registers an account with a chosen id (payouts enabled unless told). */
  addAccount(
    id: string,
    flags?: { payouts_enabled?: boolean; details_submitted?: boolean }
  ): FakeAccount
  setAccount(
    id: string,
    patch: Partial<Pick<FakeAccount, AccountFlags>>
  ): FakeAccount
  reverseTransfer(id: string, amount?: number): FakeTransfer
  event(
    type: string,
    object: Record<string, unknown>,
    extra?: { id?: string; account?: string }
  ): { id: string; body: string; signature: string }
  reset(): void
  close(): Promise<void>
}
export type FakeAccount = {
  id: string
  object: "account"
  type: "express"
  email: string | null
  country: string
  payouts_enabled: boolean
  details_submitted: boolean
  charges_enabled: boolean
  metadata: Record<string, string>
  created: number
  requirements: { disabled_reason: string | null; currently_due: string[] }
}
export type FakeTransfer = {
  id: string
  object: "transfer"
  amount: number
  amount_reversed: number
  currency: string
  destination: string
  transfer_group: string | null
  description: string | null
  metadata: Record<string, string>
  reversed: boolean
  created: number
  reversals: {
    object: "list"
    data: { id: string; amount: number }[]
    has_more: false
    url: string
  }
}

/** A response; `executed: false` marks a validation error, which is never saved. */
type Reply = { status: number; body: unknown; executed?: false }
type Handler = (params: ParsedQs, id: string) => Reply
type IdempotencyRecord = { fingerprint: string; reply: Reply | null } // null: executing

const API_KEY = "sk_test_fake"
const INVALID = "invalid_request_error"
const CONFLICT_MESSAGE =
  "Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '%s' if you meant to execute a different request."
const IN_PROGRESS_MESSAGE =
  "There is currently another in-progress request using this Stripe-Idempotency-Key. Please try again later."
const NO_CAPABILITY_MESSAGE =
  "Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments"

const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString("hex")}`
const nowSeconds = () => Math.floor(Date.now() / 1000)
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))
const clone = <T>(value: T): T => structuredClone(value)
const ok = (body: unknown): Reply => ({ status: 200, body })
const error = (
  status: number,
  type: string,
  message: string,
  extra: { code?: string; param?: string } = {}
): Reply => ({ status, body: { error: { type, message, ...extra } } })
const invalidParam = (param: string, message: string): Reply => ({
  ...error(400, INVALID, message, { param }),
  executed: false,
})
const missingParam = (param: string) =>
  invalidParam(param, `Missing required param: ${param}.`)
const noSuch = (status: number, what: string, id: string, param?: string) =>
  error(status, INVALID, `No such ${what}: '${id}'`, {
    code: "resource_missing",
    param,
  })

const str = (v: ParsedQs[string]) => (typeof v === "string" ? v : undefined)
const strRecord = (v: ParsedQs[string]): Record<string, string> =>
  v && typeof v === "object" && !Array.isArray(v)
    ? Object.fromEntries(
        Object.entries(v).filter(
          (e): e is [string, string] => typeof e[1] === "string"
        )
      )
    : {}
/** JSON with sorted keys, so that the order of params does not matter. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`
  if (!value || typeof value !== "object")
    return JSON.stringify(value) ?? "null"
  const keys = Object.keys(value).sort()
  const record = value as Record<string, unknown>
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(record[k])}`).join(",")}}`
}
function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = ""
    req.setEncoding("utf8")
    req.on("data", (chunk: string) => (body += chunk))
    req.on("end", () => resolve(body))
    req.on("error", reject)
  })
}

export async function startFakeStripe(
  options: FakeStripeOptions = {}
): Promise<FakeStripe> {
  const webhookSecret = options.webhookSecret ?? "whsec_fake"
  let latencyMs = options.latencyMs ?? 0
  let accounts = new Map<string, FakeAccount>()
  let transfers: FakeTransfer[] = []
  let idempotency = new Map<string, IdempotencyRecord>()
  let executingWaiters = new Map<string, (() => void)[]>()
  let faults = new Map<Route, FakeStripeFault[]>()
  let log: RequestRecord[] = []
  const held = new Set<NodeJS.Timeout>()
  let url = ""

  const createAccount: Handler = (p) => {
    if ((str(p.type) ?? "express") !== "express") {
      return invalidParam("type", "The fake only supports type=express.")
    }
    const account: FakeAccount = {
      id: newId("acct"),
      object: "account",
      type: "express",
      email: str(p.email) ?? null,
      country: str(p.country) ?? "US",
      payouts_enabled: false,
      details_submitted: false,
      charges_enabled: false,
      metadata: strRecord(p.metadata),
      created: nowSeconds(),
      requirements: requirementsFor(false),
    }
    accounts.set(account.id, account)
    return ok(account)
  }

  const createAccountLink: Handler = (p) => {
    const account = str(p.account)
    if (!account) return missingParam("account")
    if (!str(p.type)) return missingParam("type")
    if (!accounts.has(account))
      return noSuch(400, "account", account, "account")
    const { type, refresh_url, return_url } = p
    const created = nowSeconds()
    return ok({
      object: "account_link",
      url: `${url}/onboarding/${account}?${qs.stringify({ type, refresh_url, return_url })}`,
      created,
      expires_at: created + 300,
    })
  }

  const createTransfer: Handler = (p) => {
    const amount = str(p.amount)
    if (amount === undefined) return missingParam("amount")
    if (!/^\d+$/.test(amount) || Number(amount) <= 0) {
      return invalidParam("amount", "Invalid positive integer")
    }
    const currency = str(p.currency)
    const destination = str(p.destination)
    if (!currency) return missingParam("currency")
    if (!destination) return missingParam("destination")
    const account = accounts.get(destination)
    if (!account) return noSuch(400, "destination", destination, "destination")
    if (!account.payouts_enabled) {
      return error(400, INVALID, NO_CAPABILITY_MESSAGE, {
        code: "insufficient_capabilities_for_transfer",
        param: "destination",
      })
    }
    const id = newId("tr")
    const transfer: FakeTransfer = {
      id,
      object: "transfer",
      amount: Number(amount),
      amount_reversed: 0,
      currency: currency.toLowerCase(),
      destination,
      transfer_group: str(p.transfer_group) ?? null,
      description: str(p.description) ?? null,
      metadata: strRecord(p.metadata),
      reversed: false,
      created: nowSeconds(),
      reversals: {
        object: "list",
        data: [],
        has_more: false,
        url: `/v1/transfers/${id}/reversals`,
      },
    }
    transfers.push(transfer)
    return ok(transfer)
  }

  const listTransfers: Handler = (p) => {
    const limit = Number(str(p.limit) ?? "10")
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      return invalidParam("limit", "This value must be between 1 and 100.")
    }
    const { transfer_group: group, destination, starting_after: after } = p
    let matching = transfers
      .filter((t) => group === undefined || t.transfer_group === group)
      .filter((t) => destination === undefined || t.destination === destination)
      .reverse()
    if (typeof after === "string") {
      const index = matching.findIndex((t) => t.id === after)
      if (index < 0) return noSuch(400, "transfer", after, "starting_after")
      matching = matching.slice(index + 1)
    }
    const data = matching.slice(0, limit)
    return ok({
      object: "list",
      data,
      has_more: matching.length > limit,
      url: "/v1/transfers",
    })
  }

  const retrieve =
    <T>(what: string, find: (id: string) => T | undefined): Handler =>
    (_p, id) => {
      const found = find(id)
      return found ? ok(found) : noSuch(404, what, id)
    }
  const findTransfer = (id: string) => transfers.find((t) => t.id === id)
  const routes: Record<string, [Route | null, Handler]> = {
    "POST /v1/accounts": ["accounts.create", createAccount],
    "GET /v1/accounts/:id": [
      null,
      retrieve("account", (id) => accounts.get(id)),
    ],
    "POST /v1/account_links": ["account_links.create", createAccountLink],
    "POST /v1/transfers": ["transfers.create", createTransfer],
    "GET /v1/transfers": ["transfers.list", listTransfers],
    "GET /v1/transfers/:id": [null, retrieve("transfer", findTransfer)],
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const method = req.method ?? "GET"
    const { pathname: path, search } = new URL(req.url ?? "/", "http://fake")
    const header = req.headers["idempotency-key"]
    const key = typeof header === "string" && header !== "" ? header : null
    const entry: RequestRecord = {
      method,
      path,
      idempotencyKey: key,
      status: 0,
    }
    log.push(entry)
    const send = (reply: Reply, replayed = false) => {
      entry.status = reply.status
      res.writeHead(reply.status, {
        "Content-Type": "application/json",
        "Request-Id": newId("req"),
        ...(key ? { "Idempotency-Key": key } : {}),
        ...(replayed ? { "Idempotent-Replayed": "true" } : {}),
      })
      res.end(JSON.stringify(reply.body))
    }
    const destroy = () => {
      entry.status = "destroyed"
      req.socket.destroy()
    }

    const answerLater = async (reply: Reply) => {
      await sleep(latencyMs)
      send(reply)
    }

    const raw = await readBody(req)
    if (req.headers.authorization !== `Bearer ${API_KEY}`) {
      return answerLater(error(401, INVALID, "Invalid API Key provided"))
    }
    const [, base, id = ""] = /^(\/v1\/\w+)(?:\/([^/]+))?$/.exec(path) ?? []
    const match = routes[`${method} ${base}${id ? "/:id" : ""}`]
    if (!match) {
      return answerLater(error(404, INVALID, "Unrecognized request URL"))
    }
    const [route, handler] = match
    const fault = route ? faults.get(route)?.shift() : undefined
    if (fault?.kind === "http_500") {
      return answerLater(error(500, "api_error", "Injected internal error"))
    }
    if (fault?.kind === "timeout") {
      const timer = setTimeout(destroy, fault.ms ?? 30_000)
      held.add(timer)
      res.on("close", () => {
        clearTimeout(timer)
        held.delete(timer)
        entry.status = "destroyed"
      })
      return
    }
    const finish = (reply: Reply, replayed = false) =>
      fault?.kind === "lost_response" ? destroy() : send(reply, replayed)
    const params = qs.parse(method === "POST" ? raw : search.slice(1))
    const execute = (): Reply =>
      fault?.kind === "decline"
        ? error(400, INVALID, fault.message ?? "Injected decline", {
            code: fault.code ?? "insufficient_capabilities_for_transfer",
          })
        : handler(params, decodeURIComponent(id))

    if (method !== "POST" || key === null) {
      await sleep(latencyMs)
      return finish(execute())
    }
    // Decide synchronously on arrival (no await between lookup and reservation).
    const fingerprint = canonical({ method, path, params })
    const existing = idempotency.get(key)
    if (existing) {
      const reply =
        existing.fingerprint !== fingerprint
          ? error(400, "idempotency_error", CONFLICT_MESSAGE.replace("%s", key))
          : (existing.reply ??
            error(409, "idempotency_error", IN_PROGRESS_MESSAGE))
      await sleep(latencyMs)
      return finish(reply, reply === existing.reply)
    }
    const record: IdempotencyRecord = { fingerprint, reply: null }
    idempotency.set(key, record)
    executingWaiters.get(key)?.forEach((resolve) => resolve())
    executingWaiters.delete(key)
    await sleep(latencyMs)
    const reply = execute()
    if (reply.executed !== false) record.reply = reply
    else if (idempotency.get(key) === record) idempotency.delete(key)
    return finish(reply)
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (res.headersSent || res.destroyed) return
      res.writeHead(500, { "Content-Type": "application/json" })
      res.end(
        JSON.stringify({ error: { type: "api_error", message: String(e) } })
      )
    })
  })
  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, "127.0.0.1", resolve)
  )
  const { port } = server.address() as AddressInfo
  url = `http://127.0.0.1:${port}`

  const must = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`fake-stripe: no ${what}`)
    return value
  }

  return {
    url,
    host: "127.0.0.1",
    port,
    protocol: "http",
    apiKey: API_KEY,
    webhookSecret,
    setLatency(ms) {
      latencyMs = ms
    },
    inject(route, ...added) {
      faults.set(route, [...(faults.get(route) ?? []), ...added])
    },
    transfers: () => clone(transfers),
    accounts: () => clone([...accounts.values()]),
    requests: () => clone(log),
    whenExecuting(key) {
      if (idempotency.get(key)?.reply === null) {
        return Promise.resolve()
      }
      return new Promise<void>((resolve) =>
        executingWaiters.set(key, [
          ...(executingWaiters.get(key) ?? []),
          resolve,
        ])
      )
    },
    addAccount(id, flags = {}) {
      const payoutsEnabled = flags.payouts_enabled ?? true
      const account: FakeAccount = {
        id,
        object: "account",
        type: "express",
        email: null,
        country: "US",
        payouts_enabled: payoutsEnabled,
        details_submitted: flags.details_submitted ?? payoutsEnabled,
        charges_enabled: false,
        metadata: {},
        created: nowSeconds(),
        requirements: requirementsFor(payoutsEnabled),
      }
      accounts.set(id, account)
      return clone(account)
    },
    setAccount(id, patch) {
      const account = must(accounts.get(id), `account ${id}`)
      Object.assign(account, patch)
      account.requirements = requirementsFor(account.payouts_enabled)
      return clone(account)
    },
    reverseTransfer(id, amount) {
      const transfer = must(findTransfer(id), `transfer ${id}`)
      const remaining = transfer.amount - transfer.amount_reversed
      const value = amount ?? remaining
      if (!Number.isInteger(value) || value <= 0 || value > remaining) {
        throw new Error(
          `fake-stripe: cannot reverse ${value} of ${id} (${remaining} left)`
        )
      }
      transfer.reversals.data.push({ id: newId("trr"), amount: value })
      transfer.amount_reversed += value
      transfer.reversed = transfer.amount_reversed === transfer.amount
      return clone(transfer)
    },
    event(type, object, extra = {}) {
      const id = extra.id ?? newId("evt")
      const body = JSON.stringify({
        id,
        object: "event",
        api_version: Stripe.API_VERSION,
        created: nowSeconds(),
        type,
        livemode: false,
        pending_webhooks: 1,
        request: { id: null, idempotency_key: null },
        ...(extra.account ? { account: extra.account } : {}),
        data: { object },
      })
      const signature = Stripe.webhooks.generateTestHeaderString({
        payload: body,
        secret: webhookSecret,
      })
      return { id, body, signature }
    },
    reset() {
      accounts = new Map()
      transfers = []
      idempotency = new Map()
      executingWaiters = new Map()
      faults = new Map()
      log = []
    },
    async close() {
      held.forEach(clearTimeout)
      held.clear()
      server.closeAllConnections()
      await new Promise<void>((resolve, reject) =>
        server.close((e) => (e ? reject(e) : resolve()))
      )
    },
  }
}

function requirementsFor(payoutsEnabled: boolean): FakeAccount["requirements"] {
  return payoutsEnabled
    ? { disabled_reason: null, currently_due: [] }
    : {
        disabled_reason: "requirements.past_due",
        currently_due: ["external_account"],
      }
}
