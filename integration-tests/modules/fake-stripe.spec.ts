import Stripe from "stripe"
import { FakeStripe, startFakeStripe } from "../helpers/fake-stripe"

jest.setTimeout(10_000)

type StripeError = InstanceType<typeof Stripe.errors.StripeError>

let fake: FakeStripe

beforeAll(async () => {
  fake = await startFakeStripe()
})
afterEach(() => {
  fake.setLatency(0)
  fake.reset()
})
afterAll(async () => {
  await fake.close()
})

const client = (
  config: { maxNetworkRetries?: number; timeout?: number } = {}
) =>
  new Stripe(fake.apiKey, {
    host: fake.host,
    port: fake.port,
    protocol: fake.protocol,
    maxNetworkRetries: 0,
    ...config,
  })

/** Resolves with the error the promise rejects with; fails if it resolves. */
const rejection = (promise: Promise<unknown>): Promise<StripeError> =>
  promise.then(
    (value) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(value)}`)
    },
    (error: StripeError) => error
  )

async function payableAccount(stripe: Stripe) {
  const account = await stripe.accounts.create({
    type: "express",
    email: "b@example.com",
  })
  fake.setAccount(account.id, {
    payouts_enabled: true,
    details_submitted: true,
  })
  return account
}

const transferParams = (destination: string, amount = 1000) => ({
  amount,
  currency: "eur",
  destination,
  transfer_group: "settlement_1",
  metadata: { settlement_id: "set_1" },
})

describe("fake-stripe", () => {
  it("creates an account and link, enables payouts, and transfers", async () => {
    const stripe = client()
    const account = await stripe.accounts.create({
      type: "express",
      email: "buyer@example.com",
      metadata: { buyer_id: "buy_1" },
    })
    expect(account).toMatchObject({
      id: expect.stringMatching(/^acct_[0-9a-f]+$/),
      country: "US",
      payouts_enabled: false,
      metadata: { buyer_id: "buy_1" },
      requirements: { currently_due: ["external_account"] },
    })

    const link = await stripe.accountLinks.create({
      account: account.id,
      refresh_url: "https://shop.test/refresh",
      return_url: "https://shop.test/return",
      type: "account_onboarding",
    })
    expect(link.url).toContain(`${fake.url}/onboarding/${account.id}?`)
    expect(link.expires_at).toBe(link.created + 300)

    const refused = await rejection(
      stripe.transfers.create(transferParams(account.id))
    )
    expect(refused).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError)
    expect(refused.code).toBe("insufficient_capabilities_for_transfer")

    fake.setAccount(account.id, {
      payouts_enabled: true,
      details_submitted: true,
    })
    expect((await stripe.accounts.retrieve(account.id)).payouts_enabled).toBe(
      true
    )

    const transfer = await stripe.transfers.create(transferParams(account.id))
    expect(transfer).toMatchObject({
      id: expect.stringMatching(/^tr_/),
      amount: 1000,
      currency: "eur",
      destination: account.id,
      transfer_group: "settlement_1",
      metadata: { settlement_id: "set_1" },
    })
    expect((await stripe.transfers.retrieve(transfer.id)).id).toBe(transfer.id)

    fake.reverseTransfer(transfer.id, 400)
    const reversed = await stripe.transfers.retrieve(transfer.id)
    expect(reversed).toMatchObject({ amount_reversed: 400, reversed: false })

    const missing = await rejection(stripe.accounts.retrieve("acct_nope"))
    expect(missing).toMatchObject({ statusCode: 404, code: "resource_missing" })
    const invalid = await rejection(
      stripe.transfers.create({
        currency: "eur",
        destination: account.id,
        amount: 0,
      })
    )
    expect(invalid).toMatchObject({ statusCode: 400, param: "amount" })
  })

  it("replays the saved response for the same key and params", async () => {
    const stripe = client()
    const account = await payableAccount(stripe)
    const first = await stripe.transfers.create(transferParams(account.id), {
      idempotencyKey: "k1",
    })
    const second = await stripe.transfers.create(transferParams(account.id), {
      idempotencyKey: "k1",
    })
    expect(second.id).toBe(first.id)
    expect(first.lastResponse.headers["idempotent-replayed"]).toBeUndefined()
    expect(second.lastResponse.headers["idempotent-replayed"]).toBe("true")
    expect(fake.transfers()).toHaveLength(1)

    const conflict = await rejection(
      stripe.transfers.create(transferParams(account.id, 999), {
        idempotencyKey: "k1",
      })
    )
    expect(conflict).toBeInstanceOf(Stripe.errors.StripeIdempotencyError)
    expect(conflict).toMatchObject({
      statusCode: 400,
      rawType: "idempotency_error",
    })
    expect(fake.transfers()).toHaveLength(1)
  })

  it("saves a decline and replays it even after the account is enabled", async () => {
    const stripe = client()
    const account = await stripe.accounts.create({ type: "express" })
    const declined = await rejection(
      stripe.transfers.create(transferParams(account.id), {
        idempotencyKey: "k-decline",
      })
    )
    expect(declined.code).toBe("insufficient_capabilities_for_transfer")

    fake.setAccount(account.id, { payouts_enabled: true })
    const replayed = await rejection(
      stripe.transfers.create(transferParams(account.id), {
        idempotencyKey: "k-decline",
      })
    )
    expect(replayed.code).toBe("insufficient_capabilities_for_transfer")
    expect(replayed.headers["idempotent-replayed"]).toBe("true")
    expect(fake.transfers()).toHaveLength(0)

    // An injected decline is saved the same way; a new key then succeeds.
    fake.inject("transfers.create", {
      kind: "decline",
      code: "transfers_not_allowed",
    })
    const injected = await rejection(
      stripe.transfers.create(transferParams(account.id), {
        idempotencyKey: "k-inj",
      })
    )
    expect(injected).toMatchObject({
      statusCode: 400,
      code: "transfers_not_allowed",
    })
    const again = await rejection(
      stripe.transfers.create(transferParams(account.id), {
        idempotencyKey: "k-inj",
      })
    )
    expect(again.code).toBe("transfers_not_allowed")
    await stripe.transfers.create(transferParams(account.id), {
      idempotencyKey: "k-new",
    })
    expect(fake.transfers()).toHaveLength(1)
  })

  it("http_500 does not execute; a retry with the same key creates one transfer", async () => {
    const stripe = client()
    const account = await payableAccount(stripe)
    fake.inject("transfers.create", { kind: "http_500" })
    const error = await rejection(
      stripe.transfers.create(transferParams(account.id), {
        idempotencyKey: "k500",
      })
    )
    expect(error).toBeInstanceOf(Stripe.errors.StripeAPIError)
    expect(error).toMatchObject({ type: "StripeAPIError", statusCode: 500 })
    expect(fake.transfers()).toHaveLength(0)

    const transfer = await stripe.transfers.create(transferParams(account.id), {
      idempotencyKey: "k500",
    })
    expect(transfer.lastResponse.headers["idempotent-replayed"]).toBeUndefined()
    expect(fake.transfers().map((t) => t.id)).toEqual([transfer.id])
  })

  it("the SDK retries a 500 itself, reusing its auto-generated key", async () => {
    const stripe = client({ maxNetworkRetries: 1 })
    const account = await payableAccount(stripe)
    fake.inject("transfers.create", { kind: "http_500" })
    const transfer = await stripe.transfers.create(transferParams(account.id))
    const posts = fake.requests().filter((r) => r.path === "/v1/transfers")
    expect(posts.map((r) => r.status)).toEqual([500, 200])
    expect(posts[0].idempotencyKey).toMatch(/^stripe-node-retry-/)
    expect(posts[1].idempotencyKey).toBe(posts[0].idempotencyKey)
    expect(fake.transfers().map((t) => t.id)).toEqual([transfer.id])
  })

  it("lost_response executes; a retry with the same key returns the same transfer", async () => {
    const stripe = client()
    const account = await payableAccount(stripe)
    // stripe-node retries ECONNRESET once even with maxNetworkRetries: 0, so lose both.
    fake.inject(
      "transfers.create",
      { kind: "lost_response" },
      { kind: "lost_response" }
    )
    const error = await rejection(
      stripe.transfers.create(transferParams(account.id), {
        idempotencyKey: "k-lost",
      })
    )
    expect(error).toBeInstanceOf(Stripe.errors.StripeConnectionError)
    expect(fake.transfers()).toHaveLength(1)
    const posts = fake.requests().filter((r) => r.path === "/v1/transfers")
    expect(posts.map((r) => [r.status, r.idempotencyKey])).toEqual([
      ["destroyed", "k-lost"],
      ["destroyed", "k-lost"],
    ])

    const retried = await stripe.transfers.create(transferParams(account.id), {
      idempotencyKey: "k-lost",
    })
    expect(retried.id).toBe(fake.transfers()[0].id)
    expect(retried.lastResponse.headers["idempotent-replayed"]).toBe("true")
    expect(fake.transfers()).toHaveLength(1)
  })

  it("a single lost_response is retried silently by the SDK (duplicates without a key)", async () => {
    const stripe = client()
    const account = await payableAccount(stripe)
    fake.inject("transfers.create", { kind: "lost_response" })
    const keyed = await stripe.transfers.create(transferParams(account.id), {
      idempotencyKey: "k-once",
    })
    expect(keyed.lastResponse.headers["idempotent-replayed"]).toBe("true")
    expect(fake.transfers().map((t) => t.id)).toEqual([keyed.id])

    // Without a key (and maxNetworkRetries: 0 generates none) the silent retry duplicates.
    fake.inject("transfers.create", { kind: "lost_response" })
    await stripe.transfers.create(transferParams(account.id, 500))
    const unkeyed = fake
      .requests()
      .filter((r) => r.path === "/v1/transfers")
      .slice(2)
    expect(unkeyed.map((r) => [r.status, r.idempotencyKey])).toEqual([
      ["destroyed", null],
      [200, null],
    ])
    expect(fake.transfers().filter((t) => t.amount === 500)).toHaveLength(2)
  })

  it("timeout does not execute; the client times out and a retry creates one", async () => {
    const stripe = client({ timeout: 300 })
    const account = await payableAccount(stripe)
    fake.inject("transfers.create", { kind: "timeout" })
    const started = Date.now()
    const error = await rejection(
      stripe.transfers.create(transferParams(account.id), {
        idempotencyKey: "k-slow",
      })
    )
    expect(Date.now() - started).toBeLessThan(2_000)
    expect(error).toBeInstanceOf(Stripe.errors.StripeConnectionError)
    expect(error.message).toBe(
      "Request aborted due to timeout being reached (300ms)"
    )
    expect(fake.transfers()).toHaveLength(0)

    const transfer = await stripe.transfers.create(transferParams(account.id), {
      idempotencyKey: "k-slow",
    })
    expect(fake.transfers().map((t) => t.id)).toEqual([transfer.id])
  })

  it("lists transfers by transfer_group, newest first, with a cursor", async () => {
    const stripe = client()
    const account = await payableAccount(stripe)
    const a1 = await stripe.transfers.create({
      ...transferParams(account.id),
      transfer_group: "A",
    })
    await stripe.transfers.create({
      ...transferParams(account.id),
      transfer_group: "B",
    })
    const a2 = await stripe.transfers.create({
      ...transferParams(account.id),
      transfer_group: "A",
    })

    const list = await stripe.transfers.list({ transfer_group: "A" })
    expect(list.data.map((t) => t.id)).toEqual([a2.id, a1.id])
    expect(list.has_more).toBe(false)

    const page = await stripe.transfers.list({ transfer_group: "A", limit: 1 })
    expect(page.data.map((t) => t.id)).toEqual([a2.id])
    expect(page.has_more).toBe(true)
    const all = await stripe.transfers
      .list({ transfer_group: "A", limit: 1 })
      .autoPagingToArray({
        limit: 10,
      })
    expect(all.map((t) => t.id)).toEqual([a2.id, a1.id])
  })

  it("signs webhook events the SDK verifies", async () => {
    const stripe = client()
    const event = fake.event(
      "account.updated",
      { id: "acct_1", object: "account", payouts_enabled: true },
      { account: "acct_1" }
    )
    const parsed = stripe.webhooks.constructEvent(
      event.body,
      event.signature,
      fake.webhookSecret
    )
    expect(parsed).toMatchObject({
      id: event.id,
      type: "account.updated",
      account: "acct_1",
      data: { object: { id: "acct_1" } },
    })
    await expect(
      stripe.webhooks.constructEventAsync(
        event.body,
        event.signature,
        fake.webhookSecret
      )
    ).resolves.toMatchObject({ id: event.id })

    const tampered = event.body.replace(
      '"payouts_enabled":true',
      '"payouts_enabled":false'
    )
    expect(() =>
      stripe.webhooks.constructEvent(
        tampered,
        event.signature,
        fake.webhookSecret
      )
    ).toThrow(Stripe.errors.StripeSignatureVerificationError)
  })

  it("rejects a wrong API key with 401 and unknown URLs with 404", async () => {
    const wrong = new Stripe("sk_test_wrong", {
      host: fake.host,
      port: fake.port,
      protocol: fake.protocol,
      maxNetworkRetries: 0,
    })
    const error = await rejection(wrong.accounts.create({ type: "express" }))
    expect(error).toBeInstanceOf(Stripe.errors.StripeAuthenticationError)
    expect(error.statusCode).toBe(401)

    const unknown = await rejection(client().rawRequest("GET", "/v1/payouts"))
    expect(unknown).toMatchObject({
      statusCode: 404,
      message: "Unrecognized request URL",
    })
  })

  it("answers 409 to a request whose key is still executing", async () => {
    const stripe = client()
    const account = await payableAccount(stripe)
    fake.setLatency(300)
    const first = stripe.transfers.create(transferParams(account.id), {
      idempotencyKey: "k-busy",
    })
    await fake.whenExecuting("k-busy")
    const busy = await rejection(
      stripe.transfers.create(transferParams(account.id), {
        idempotencyKey: "k-busy",
      })
    )
    expect(busy).toBeInstanceOf(Stripe.errors.StripeIdempotencyError)
    expect(busy).toMatchObject({
      statusCode: 409,
      rawType: "idempotency_error",
    })
    const created = await first
    const replayed = await stripe.transfers.create(transferParams(account.id), {
      idempotencyKey: "k-busy",
    })
    expect(replayed.id).toBe(created.id)
    expect(fake.transfers()).toHaveLength(1)
  })

  it("5 concurrent creates with one key under latency make exactly one transfer", async () => {
    const stripe = client()
    const account = await payableAccount(stripe)
    fake.setLatency(100)
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () =>
        stripe.transfers.create(transferParams(account.id), {
          idempotencyKey: "k-race",
        })
      )
    )
    expect(fake.transfers()).toHaveLength(1)
    const [transfer] = fake.transfers()
    for (const result of results) {
      if (result.status === "fulfilled") {
        expect(result.value.id).toBe(transfer.id)
      } else {
        expect(result.reason).toBeInstanceOf(
          Stripe.errors.StripeIdempotencyError
        )
        expect((result.reason as StripeError).statusCode).toBe(409)
      }
    }
    expect(
      results.filter((r) => r.status === "fulfilled").length
    ).toBeGreaterThanOrEqual(1)
    const statuses = fake.requests().filter((r) => r.path === "/v1/transfers")
    expect(statuses.filter((r) => r.status === 200)).toHaveLength(
      results.filter((r) => r.status === "fulfilled").length
    )
  })
})
