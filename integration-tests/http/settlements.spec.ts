import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import Stripe from "stripe"
import type { IEventBusModuleService } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { COMMISSION_MODULE } from "../../src/modules/commission"
import type CommissionModuleService from "../../src/modules/commission/service"
import { ATTRIBUTION_MODULE } from "../../src/modules/attribution"
import type AttributionModuleService from "../../src/modules/attribution/service"
import { buyLinkResolver } from "../../src/utils/buy-link-resolver"
import {
  approveCommissionsWorkflow,
  settleCommissionsWorkflow,
} from "../../src/workflows"
import { settleIfDue } from "../../src/jobs/settle-commissions"
import { FakeStripe, startFakeStripe } from "../helpers/fake-stripe"
import { waitFor } from "../helpers/click-sink"
import { accrualLine, orderFacts } from "../helpers/ledger"
import {
  StoreFixture,
  createApprovedBuyer,
  createCustomerSession,
  createLinAndMaya,
  createStoreFixture,
  followBuyLink,
  placeOrder,
  publishBuyerNote,
  settle,
  sql,
} from "../helpers/fixtures"

jest.setTimeout(240 * 1000)

const DAY = 24 * 3600 * 1000

// The app reads its Stripe options when it boots: the fake listens on a
// fixed port chosen here, and is started before the app.
const STRIPE_PORT = 20000 + (process.pid % 20000)
const STRIPE_ENV = {
  STRIPE_API_KEY: "sk_test_fake",
  // The Connect endpoint's secret (the fake signs with it) and the
  // account endpoint's.
  STRIPE_WEBHOOK_SECRET: "whsec_settlements,whsec_platform",
  STRIPE_HOST: "127.0.0.1",
  STRIPE_PORT: String(STRIPE_PORT),
  STRIPE_PROTOCOL: "http",
  // Each fault reaches the plugin as it is (the SDK's own retries are
  // tested with the fake); the timeout fault needs a short client timeout.
  STRIPE_MAX_NETWORK_RETRIES: "0",
  STRIPE_TIMEOUT_MS: "1500",
  NOTES_SETTLEMENT_THRESHOLDS: JSON.stringify({ usd: "50" }),
  // The job would run on its own every minute beside the tests: the test
  // calls it with a schedule instead.
  NOTES_SETTLEMENT_SCHEDULE: "off",
}
Object.assign(process.env, STRIPE_ENV)

let fake: FakeStripe
beforeAll(async () => {
  fake = await startFakeStripe({
    port: STRIPE_PORT,
    webhookSecret: "whsec_settlements",
  })
})
afterAll(async () => {
  await fake?.close()
})

type Session = Awaited<ReturnType<typeof createCustomerSession>>

medusaIntegrationTestRunner({
  inApp: true,
  env: STRIPE_ENV,
  testSuite: ({ api, getContainer }) => {
    let f: StoreFixture
    let lin: Session
    let linId: string
    let maya: Session
    let mayaId: string

    const commission = () =>
      getContainer().resolve<CommissionModuleService>(COMMISSION_MODULE)

    beforeEach(async () => {
      fake.reset()
      buyLinkResolver.clear()
      getContainer()
        .resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
        .resetClickMemory()
      f = await createStoreFixture(getContainer())
      ;({ lin, linId, maya, mayaId } = await createLinAndMaya(
        api,
        getContainer(),
        f,
        "st.test"
      ))
    })

    afterEach(async () => {
      await getContainer()
        .resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
        .flushClicks()
    })

    /** A signed Stripe webhook delivered to the plugin. */
    const deliver = (ev: { body: string; signature: string }) =>
      settle(
        api.post("/webhooks/stripe", ev.body, {
          headers: {
            "content-type": "application/json",
            "stripe-signature": ev.signature,
          },
        })
      )

    /** Onboards a buyer: account at the fake, enabled, webhook delivered. */
    const onboard = async (session: Session) => {
      const res = await api.post(
        "/store/buyers/me/payout-account",
        {},
        session.headers
      )
      const accountId = res.data.payout_account.account_id as string
      const account = fake.setAccount(accountId, {
        payouts_enabled: true,
        details_submitted: true,
      })
      expect(
        (
          await deliver(
            fake.event(
              "account.updated",
              account as unknown as Record<string, unknown>
            )
          )
        ).status
      ).toBe(200)
      return { accountId, onboarding: res.data }
    }

    /** Approved money for a buyer (an adjustment is payable at once). */
    const credit = (buyerId: string, amount: string, currency = "eur") =>
      api.post(
        "/admin/commissions/adjustments",
        {
          buyer_id: buyerId,
          currency_code: currency,
          amount,
          reason: "test credit",
        },
        f.adminHeaders
      )

    const balance = async (buyerId: string, currency = "eur") =>
      (
        await api.get(
          `/admin/commissions/balances?buyer_id=${buyerId}&currency_code=${currency}`,
          f.adminHeaders
        )
      ).data.balances[0]

    const run = (body: Record<string, unknown> = {}) =>
      settle(api.post("/admin/settlements", body, f.adminHeaders))

    const transfersTo = (accountId: string) =>
      fake.transfers().filter((t) => t.destination === accountId)

    /**
     * The ledger adds up; what it counts as paid is what the buyer kept at
     * Stripe (transfers less reversals), and so do the paid settlements;
     * no settlement was transferred twice.
     */
    const expectConsistent = async (buyerId: string, accountId: string) => {
      const b = await balance(buyerId)
      const cents = (x: string | null) => Math.round(Number(x ?? 0) * 100)
      const sum = (...xs: string[]) => xs.reduce((a, x) => a + cents(x), 0)
      expect(sum(b.accrued, b.reversed, b.adjusted)).toBe(
        sum(b.pending, b.approved, b.on_hold, b.paid)
      )
      const kept = transfersTo(accountId).reduce(
        (a, t) => a + t.amount - t.amount_reversed,
        0
      )
      expect(cents(b.paid)).toBe(kept)
      const [paid] = await sql<{ net: string | null }>(
        getContainer(),
        `SELECT sum(amount - coalesce(reversed_amount, 0))::text AS net
         FROM settlement WHERE buyer_id = ? AND status = 'paid'`,
        [buyerId]
      )
      expect(cents(paid.net)).toBe(kept)
      const groups = transfersTo(accountId).map((t) => t.transfer_group)
      expect(new Set(groups).size).toBe(groups.length)
    }

    it("note → buy link → order → accrual → approval → settlement → Stripe transfer → paid, visible to the buyer", async () => {
      await api.post(
        "/admin/commission-rules",
        { scope: "default", type: "percentage", rate: "10" },
        f.adminHeaders
      )
      const [code] = (
        await publishBuyerNote(api, lin, "Serum", [f.products[0].id])
      ).codes
      const shopper = await createCustomerSession(
        getContainer(),
        f,
        "shopper@st.test"
      )
      const ref = await followBuyLink(api, getContainer(), code)
      const order = await placeOrder(api, f, {
        headers: shopper.headers,
        items: [{ variant_id: f.products[0].variants[0].id, quantity: 2 }],
        click_id: ref,
      })
      type Entry = { id: string; status: string; amount: string }
      const orderEntries = async (): Promise<
        (Entry & { available_at: string | null })[]
      > =>
        (
          await api.get(
            `/admin/commissions?order_id=${order.id}`,
            f.adminHeaders
          )
        ).data.commissions
      const entries = await waitFor("the order's accrual", async () => {
        const rows = await orderEntries()
        return rows.length ? rows : false
      })
      expect(entries).toHaveLength(1)
      const earned = entries[0].amount
      expect(Number(earned)).toBeGreaterThan(0)
      await api.post(
        `/admin/orders/${order.id}/fulfillments`,
        {
          items: order.items.map((i) => ({ id: i.id, quantity: i.quantity })),
          location_id: f.locationId,
        },
        f.adminHeaders
      )
      // The hold starts at fulfillment (a subscriber): approval needs it.
      await waitFor(
        "the accrual's hold to start",
        async () => (await orderEntries())[0]?.available_at || false
      )
      await approveCommissionsWorkflow(getContainer()).run({
        input: { now: new Date(Date.now() + 15 * DAY) },
      })

      // Not onboarded yet: skipped with the reason, visible to the buyer.
      const first = await run()
      expect(first.status).toBe(200)
      expect(first.data.skipped).toContainEqual({
        buyer_id: linId,
        currency_code: "eur",
        reason: "payouts_not_enabled",
        amount: earned,
      })
      const mine = await api.get("/store/buyers/me/settlements", lin.headers)
      expect(mine.data.settlements).toEqual([])
      expect(mine.data.skipped).toEqual([
        expect.objectContaining({
          currency_code: "eur",
          reason: "payouts_not_enabled",
          amount: earned,
        }),
      ])

      const { accountId, onboarding } = await onboard(lin)
      expect(onboarding.onboarding_url).toContain(accountId)
      expect(
        (await api.get("/store/buyers/me/payout-account", lin.headers)).data
      ).toEqual({
        provider: "stripe",
        payout_account: expect.objectContaining({
          account_id: accountId,
          payouts_enabled: true,
          details_submitted: true,
        }),
      })

      const second = await run()
      expect(second.status).toBe(200)
      expect(second.data.settlements).toEqual([
        expect.objectContaining({
          buyer_id: linId,
          currency_code: "eur",
          amount: earned,
          status: "paid",
        }),
      ])
      const transfers = transfersTo(accountId)
      expect(transfers).toHaveLength(1)
      const settlementId = second.data.settlements[0].id
      expect(transfers[0]).toMatchObject({
        amount: Math.round(Number(earned) * 100),
        currency: "eur",
        transfer_group: settlementId,
        metadata: { settlement_id: settlementId, buyer_id: linId },
      })
      expect(
        fake
          .requests()
          .filter((r) => r.path === "/v1/transfers" && r.method === "POST")
          .map((r) => r.idempotencyKey)
      ).toEqual([`settlement:${settlementId}`])

      // The buyer sees it paid, with its entries and a statement.
      const list = await api.get("/store/buyers/me/settlements", lin.headers)
      expect(list.data.settlements).toEqual([
        expect.objectContaining({
          id: settlementId,
          status: "paid",
          amount: earned,
          provider_reference: transfers[0].id,
          entry_count: 1,
        }),
      ])
      expect(list.data.skipped).toEqual([])
      const one = await api.get(
        `/store/buyers/me/settlements/${settlementId}`,
        lin.headers
      )
      expect(one.data.entries).toEqual([
        expect.objectContaining({
          id: entries[0].id,
          status: "paid",
          settlement_id: settlementId,
          order_id: order.id,
        }),
      ])
      const csv = await api.get(
        `/store/buyers/me/settlements/${settlementId}/statement`,
        lin.headers
      )
      expect(csv.headers["content-type"]).toContain("text/csv")
      expect(csv.data).toContain(settlementId)
      expect(csv.data).toContain(order.id)
      expect(csv.data).toContain(transfers[0].id)
      const bal = (await api.get("/store/buyers/me/balance", lin.headers)).data
        .balances[0]
      expect(bal).toMatchObject({ paid: earned, payable: "0", approved: "0" })

      // Another buyer sees none of it.
      expect(
        (
          await settle(
            api.get(
              `/store/buyers/me/settlements/${settlementId}`,
              maya.headers
            )
          )
        ).status
      ).toBe(404)
      expect(
        (
          await settle(
            api.get(
              `/store/buyers/me/settlements/${settlementId}/statement`,
              maya.headers
            )
          )
        ).status
      ).toBe(404)
      expect(
        (await api.get("/store/buyers/me/settlements", maya.headers)).data
          .settlements
      ).toEqual([])

      // A third run pays nothing more.
      const third = await run()
      expect(third.data.settlements).toEqual([])
      expect(transfersTo(accountId)).toHaveLength(1)
      await expectConsistent(linId, accountId)
    })

    /** lin onboarded with `amount` EUR payable. */
    const payableLin = async (amount = "30") => {
      const { accountId } = await onboard(lin)
      await credit(linId, amount)
      return accountId
    }

    const settlementOf = async (id: string) =>
      (await api.get(`/admin/settlements/${id}`, f.adminHeaders)).data

    const transferPosts = () =>
      fake
        .requests()
        .filter((r) => r.path === "/v1/transfers" && r.method === "POST")

    it("two runs at once: one transfer per settlement", async () => {
      const linAccount = await payableLin("30")
      const { accountId: mayaAccount } = await onboard(maya)
      await credit(mayaId, "12.34")
      fake.setLatency(150)
      const [a, b] = await Promise.all([run(), run()])
      fake.setLatency(0)
      // One run holds the lock; the other is refused (or, if the first
      // had finished, finds nothing left to pay).
      const statuses = [a.status, b.status].sort()
      expect(statuses[0]).toBe(200)
      const created = [a, b]
        .filter((r) => r.status === 200)
        .flatMap((r) => r.data.settlements)
      expect(created).toHaveLength(2)
      if (statuses[1] !== 200) {
        expect(statuses[1]).toBe(409)
      }
      expect(transfersTo(linAccount)).toHaveLength(1)
      expect(transfersTo(mayaAccount)).toHaveLength(1)
      expect(transfersTo(mayaAccount)[0].amount).toBe(1234)

      // The workflow itself, twice at once, outside HTTP.
      await credit(linId, "5")
      const both = await Promise.allSettled([
        settleCommissionsWorkflow(getContainer()).run({
          input: { trigger: "admin", lock_ttl_seconds: 60 },
        }),
        settleCommissionsWorkflow(getContainer()).run({
          input: { trigger: "admin", lock_ttl_seconds: 60 },
        }),
      ])
      expect(
        both.filter((r) => r.status === "fulfilled").length
      ).toBeGreaterThan(0)
      expect(transfersTo(linAccount)).toHaveLength(2)
      await expectConsistent(linId, linAccount)
      await expectConsistent(mayaId, mayaAccount)
    })

    it("a 500 from Stripe: the settlement keeps its entries, the next run pays it once", async () => {
      const account = await payableLin("30")
      fake.inject("transfers.create", { kind: "http_500" })
      const first = await run()
      expect(first.status).toBe(200)
      const [s] = first.data.settlements
      expect(s).toMatchObject({ status: "processing", amount: "30" })
      expect(s.reason).toContain("StripeAPIError")
      expect(transfersTo(account)).toHaveLength(0)
      // Still claimed: not payable to another settlement meanwhile.
      expect(await balance(linId)).toMatchObject({
        approved: "30",
        payable: "0",
        paid: "0",
      })
      expect((await settlementOf(s.id)).settlement).toMatchObject({
        status: "processing",
        attempts: 1,
      })
      const second = await run()
      expect(second.data.settlements).toEqual([
        expect.objectContaining({ id: s.id, status: "paid" }),
      ])
      expect(transfersTo(account)).toHaveLength(1)
      expect(transferPosts().map((r) => r.idempotencyKey)).toEqual([
        `settlement:${s.id}`,
        `settlement:${s.id}`,
      ])
      const after = (await settlementOf(s.id)).settlement
      expect(after).toMatchObject({
        status: "paid",
        attempts: 2,
        failure_reason: null,
      })
      await expectConsistent(linId, account)
    })

    it("a timeout: unknown outcome, retried by the admin with the same key, paid once", async () => {
      const account = await payableLin("30")
      fake.inject("transfers.create", { kind: "timeout", ms: 4000 })
      const first = await run()
      const [s] = first.data.settlements
      expect(s.status).toBe("processing")
      expect(s.reason).toContain("StripeConnectionError")
      const retry = await api.post(
        `/admin/settlements/${s.id}/retry`,
        {},
        f.adminHeaders
      )
      expect(retry.data.settlement).toMatchObject({
        id: s.id,
        status: "paid",
        idempotency_key: `settlement:${s.id}`,
      })
      expect(transfersTo(account)).toHaveLength(1)
      // Paid is final: another retry is refused.
      const again = await settle(
        api.post(`/admin/settlements/${s.id}/retry`, {}, f.adminHeaders)
      )
      expect(again.status).toBe(409)
      expect(again.data.message).toContain("already paid")
      await expectConsistent(linId, account)
    })

    it("the transfer is made but its answer is lost: healed from Stripe, never paid twice", async () => {
      const account = await payableLin("30")
      // Two lost answers: the SDK re-sends once by itself after a reset.
      fake.inject(
        "transfers.create",
        { kind: "lost_response" },
        { kind: "lost_response" }
      )
      const first = await run()
      const [s] = first.data.settlements
      expect(s.status).toBe("processing")
      expect(transfersTo(account)).toHaveLength(1)
      const posts = transferPosts().length
      const second = await run()
      expect(second.data.settlements).toEqual([
        expect.objectContaining({
          id: s.id,
          status: "paid",
          provider_reference: transfersTo(account)[0].id,
        }),
      ])
      // Found by its transfer group: not even re-sent.
      expect(transferPosts()).toHaveLength(posts)
      expect(transfersTo(account)).toHaveLength(1)
      await expectConsistent(linId, account)
    })

    it("a crash between the transfer and the database is healed on the next run", async () => {
      const account = await payableLin("30")
      const service = commission()
      const claim = await service.claimSettlement({
        buyer_id: linId,
        currency_code: "eur",
        account_id: account,
        threshold: "0",
        run_id: null,
      })
      const sent = await service.beginSettlementAttempt(claim.settlement!.id)
      // The transfer goes out; the process dies before recording it.
      const outcome = await service.getPayoutProvider().transfer({
        settlement_id: sent!.id,
        idempotency_key: `settlement:${sent!.id}`,
        generation: 0,
        buyer_id: linId,
        currency_code: "eur",
        amount: sent!.amount,
        destination: account,
        description: "crash",
      })
      expect(outcome.status).toBe("paid")
      expect((await settlementOf(sent!.id)).settlement.status).toBe(
        "processing"
      )
      const healed = await run()
      expect(healed.data.settlements).toEqual([
        expect.objectContaining({ id: sent!.id, status: "paid" }),
      ])
      expect(healed.data.run.healed).toBe(1)
      expect(transfersTo(account)).toHaveLength(1)
      expect(
        (await settlementOf(sent!.id)).entries.map(
          (e: { status: string }) => e.status
        )
      ).toEqual(["paid"])
      await expectConsistent(linId, account)
    })

    it("a transfer in the settlement's group that is not its own: flagged, nothing more sent", async () => {
      const account = await payableLin("30")
      const service = commission()
      const claim = await service.claimSettlement({
        buyer_id: linId,
        currency_code: "eur",
        account_id: account,
        threshold: "0",
        run_id: null,
      })
      const sent = (await service.beginSettlementAttempt(claim.settlement!.id))!
      // Money went out for this settlement, for another amount.
      await service.getPayoutProvider().transfer({
        settlement_id: sent.id,
        idempotency_key: "someone-else",
        generation: 0,
        buyer_id: linId,
        currency_code: "eur",
        amount: "12",
        destination: account,
        description: "stray",
      })
      const healed = await run()
      expect(healed.data.settlements).toEqual([
        expect.objectContaining({
          id: sent.id,
          status: "processing",
          reason: expect.stringContaining("Needs attention"),
        }),
      ])
      expect(transfersTo(account)).toHaveLength(1)
      expect((await settlementOf(sent.id)).settlement.failure_reason).toContain(
        "12 EUR"
      )
      // The buyer sees a payout in progress, not the operator's note.
      const mine = (await api.get("/store/buyers/me/settlements", lin.headers))
        .data.settlements
      expect(mine).toEqual([
        expect.objectContaining({ status: "processing", failure_reason: null }),
      ])
      expect(mine[0].idempotency_key).toBeUndefined()
    })

    it("Stripe declines: failed with its message, entries payable again; retried once fixed, paid exactly once", async () => {
      const account = await payableLin("30")
      // Stripe disabled the account; the webhook has not arrived yet.
      fake.setAccount(account, { payouts_enabled: false })
      const first = await run()
      const [s] = first.data.settlements
      expect(s.status).toBe("failed")
      expect(s.reason).toContain("insufficient_capabilities_for_transfer")
      const failed = await settlementOf(s.id)
      expect(failed.settlement).toMatchObject({
        status: "failed",
        failure_reason: expect.stringContaining(
          "insufficient_capabilities_for_transfer"
        ),
      })
      expect(failed.entries).toEqual([])
      expect(await balance(linId)).toMatchObject({
        payable: "30",
        paid: "0",
      })
      expect(transfersTo(account)).toHaveLength(0)

      // Fixed at Stripe; more money came in meanwhile. A suspended buyer
      // is not paid by a retry either (the run's own rule, with the
      // released entries in the balance); reinstated, they are.
      fake.setAccount(account, { payouts_enabled: true })
      await credit(linId, "5")
      await api.post(
        `/admin/buyers/${linId}/suspend`,
        { reason: "checking" },
        f.adminHeaders
      )
      const refused = await settle(
        api.post(`/admin/settlements/${s.id}/retry`, {}, f.adminHeaders)
      )
      expect(refused.status).toBe(409)
      expect(refused.data.message).toBe(
        `Settlement ${s.id} cannot be retried: the buyer is not approved (35 EUR)`
      )
      expect((await settlementOf(s.id)).settlement.status).toBe("failed")
      expect(transfersTo(account)).toHaveLength(0)
      await api.post(`/admin/buyers/${linId}/approve`, {}, f.adminHeaders)
      const retry = await api.post(
        `/admin/settlements/${s.id}/retry`,
        {},
        f.adminHeaders
      )
      // A declined key is spent at Stripe (it replays the decline): the
      // retry claims the entries again under the next key.
      expect(retry.data.settlement).toMatchObject({
        id: s.id,
        status: "paid",
        amount: "35",
        entry_count: 2,
        idempotency_key: `settlement:${s.id}:1`,
        attempts: 2,
      })
      expect(transfersTo(account)).toHaveLength(1)
      expect(transfersTo(account)[0].amount).toBe(3500)
      await expectConsistent(linId, account)
    })

    it("announces settlements: created and failed for a declined transfer, paid (and nothing created) for its retry", async () => {
      const bus = getContainer().resolve<IEventBusModuleService>(
        Modules.EVENT_BUS
      )
      const seen: { name: string; data: Record<string, unknown> }[] = []
      const names = [
        "settlement.created",
        "settlement.paid",
        "settlement.failed",
      ]
      const listen = (name: string) => async (event: { data: object }) => {
        seen.push({ name, data: event.data as Record<string, unknown> })
      }
      const listeners = names.map((name) => [name, listen(name)] as const)
      for (const [name, fn] of listeners) {
        bus.subscribe(name, fn as never, { subscriberId: `spec-${name}` })
      }
      try {
        const account = await payableLin("30")
        fake.setAccount(account, { payouts_enabled: false })
        const [s] = (await run()).data.settlements
        expect(s.status).toBe("failed")
        const mine = (name: string) =>
          seen.filter((e) => e.name === name && e.data.id === s.id)
        await waitFor("the run's two events", async () =>
          mine("settlement.created").length && mine("settlement.failed").length
            ? true
            : false
        )
        expect(mine("settlement.created")).toEqual([
          {
            name: "settlement.created",
            data: expect.objectContaining({
              buyer_id: linId,
              currency_code: "eur",
              amount: "30",
            }),
          },
        ])
        expect(mine("settlement.failed")).toEqual([
          {
            name: "settlement.failed",
            data: expect.objectContaining({
              status: "failed",
              reason: expect.stringContaining(
                "insufficient_capabilities_for_transfer"
              ),
            }),
          },
        ])
        expect(mine("settlement.paid")).toEqual([])

        fake.setAccount(account, { payouts_enabled: true })
        await api.post(`/admin/settlements/${s.id}/retry`, {}, f.adminHeaders)
        await waitFor(
          "the retry's settlement.paid",
          async () => mine("settlement.paid").length > 0
        )
        expect(mine("settlement.paid")).toEqual([
          {
            name: "settlement.paid",
            data: expect.objectContaining({ status: "paid", amount: "30" }),
          },
        ])
        // The retry's events are released together: no second created.
        expect(mine("settlement.created")).toHaveLength(1)
        expect(mine("settlement.failed")).toHaveLength(1)
      } finally {
        for (const [name, fn] of listeners) {
          bus.unsubscribe(name, fn as never, { subscriberId: `spec-${name}` })
        }
      }
    })

    it("a reversed transfer becomes an explained negative adjustment inside its settlement, applied once", async () => {
      const account = await payableLin("30")
      const [s] = (await run()).data.settlements
      expect(s.status).toBe("paid")
      const transfer = fake.reverseTransfer(s.provider_reference, 1000)
      const ev = fake.event("transfer.reversed", transfer as never)
      expect((await deliver(ev)).data).toMatchObject({
        received: true,
        duplicate: false,
        outcome: "transfer_reversed",
      })
      // Stripe re-delivers: nothing more.
      expect((await deliver(ev)).data).toMatchObject({ duplicate: true })
      const adjustments = (
        await api.get(
          `/admin/commissions?buyer_id=${linId}&type=adjustment&limit=50`,
          f.adminHeaders
        )
      ).data.commissions.filter((e: { amount: string }) => e.amount === "-10")
      expect(adjustments).toHaveLength(1)
      expect(adjustments[0]).toMatchObject({
        status: "paid",
        settlement_id: s.id,
      })
      expect(adjustments[0].reason).toContain(s.provider_reference)
      expect(adjustments[0].reason).toContain(s.id)
      const detail = await settlementOf(s.id)
      expect(detail.settlement.reversed_amount).toBe("10")
      expect(detail.entries).toHaveLength(2)
      // What the buyer kept: 20 paid, nothing owed, nothing paid again.
      expect(await balance(linId)).toMatchObject({ paid: "20", payable: "0" })
      expect((await run()).data.settlements).toEqual([])
      // The rest reversed too, in a second event: only the difference.
      const all = fake.reverseTransfer(s.provider_reference)
      await deliver(fake.event("transfer.reversed", all as never))
      expect(await balance(linId)).toMatchObject({ paid: "0" })
      expect((await settlementOf(s.id)).settlement.reversed_amount).toBe("30")
      await expectConsistent(linId, account)
    })

    it("a clawback after payout is carried as a negative balance into the next settlement", async () => {
      const service = commission()
      const account = await payableLin("0.01")
      await api.post(
        "/admin/commission-rules",
        { scope: "default", type: "percentage", rate: "10" },
        f.adminHeaders
      )
      const line = accrualLine({
        order_id: "order_claw",
        order_line_id: "line_claw",
        buyer_id: linId,
        base_amount: "300",
      })
      await service.accrueLines([line])
      await service.syncOrderLedger(
        orderFacts("order_claw", [
          { id: "line_claw", quantity: 1, fulfilled: 1 },
        ])
      )
      await service.approveDueEntries(new Date(Date.now() + 30 * DAY))
      const paid = (await run()).data.settlements
      expect(paid).toEqual([expect.objectContaining({ amount: "30.01" })])
      // The order is returned after the payout: a payable reversal.
      await service.syncOrderLedger(
        orderFacts("order_claw", [
          { id: "line_claw", quantity: 1, fulfilled: 1, returned: 1 },
        ])
      )
      expect(await balance(linId)).toMatchObject({ payable: "-30" })
      const carried = await run()
      expect(carried.data.settlements).toEqual([])
      expect(carried.data.skipped).toEqual([
        {
          buyer_id: linId,
          currency_code: "eur",
          reason: "negative_balance",
          amount: "-30",
        },
      ])
      await credit(linId, "45")
      const next = await run()
      expect(next.data.settlements).toEqual([
        expect.objectContaining({ amount: "15", status: "paid" }),
      ])
      const detail = await settlementOf(next.data.settlements[0].id)
      expect(
        detail.entries.map((e: { type: string; amount: string }) => [
          e.type,
          e.amount,
        ])
      ).toEqual(
        expect.arrayContaining([
          ["reversal", "-30"],
          ["adjustment", "45"],
        ])
      )
      expect(transfersTo(account).map((t) => t.amount)).toEqual([3001, 1500])
      await expectConsistent(linId, account)
    })

    it("skips with reasons: on hold, not approved, under the threshold, negative, payouts not enabled", async () => {
      const service = commission()
      await onboard(lin)
      // lin: usd under the 50 USD threshold; eur held (an order on hold).
      await credit(linId, "49.99", "usd")
      await service.accrueLines([
        accrualLine({
          order_id: "order_held",
          order_line_id: "line_held",
          buyer_id: linId,
        }),
      ])
      await api.post(
        "/admin/commission-rules",
        { scope: "default", type: "percentage", rate: "10" },
        f.adminHeaders
      )
      await service.accrueLines([
        accrualLine({
          order_id: "order_held",
          order_line_id: "line_held2",
          buyer_id: linId,
        }),
      ])
      await api.post(
        "/admin/commissions/hold",
        { order_id: "order_held" },
        f.adminHeaders
      )
      // maya: not onboarded; a third buyer suspended with money.
      await credit(mayaId, "20")
      const third = await createApprovedBuyer(
        api,
        getContainer(),
        f,
        "zoe@st.test",
        "zoe"
      )
      await credit(third.buyerId, "20")
      await api.post(
        `/admin/buyers/${third.buyerId}/suspend`,
        { reason: "fraud review" },
        f.adminHeaders
      )
      const res = await run()
      expect(res.status).toBe(200)
      expect(res.data.settlements).toEqual([])
      expect(res.data.skipped).toEqual(
        expect.arrayContaining([
          {
            buyer_id: linId,
            currency_code: "eur",
            reason: "on_hold",
            amount: "10",
          },
          {
            buyer_id: linId,
            currency_code: "usd",
            reason: "under_threshold",
            amount: "49.99",
          },
          {
            buyer_id: mayaId,
            currency_code: "eur",
            reason: "payouts_not_enabled",
            amount: "20",
          },
          {
            buyer_id: third.buyerId,
            currency_code: "eur",
            reason: "buyer_not_approved",
            amount: "20",
          },
        ])
      )
      expect(res.data.skipped).toHaveLength(4)
      expect(res.data.run).toMatchObject({
        status: "completed",
        skipped: 4,
        settlements_created: 0,
      })
      const skipped = (
        await api.get("/store/buyers/me/settlements", lin.headers)
      ).data.skipped
      expect(skipped.map((k: { reason: string }) => k.reason).sort()).toEqual([
        "on_hold",
        "under_threshold",
      ])
      // Over the threshold: paid in USD; filters: one currency only.
      await credit(linId, "0.01", "usd")
      const usd = await run({ currency_code: "USD" })
      expect(usd.data.settlements).toEqual([
        expect.objectContaining({ currency_code: "usd", amount: "50" }),
      ])
      expect(usd.data.skipped).toEqual([])
      // One buyer only.
      const one = await run({ buyer_id: mayaId })
      expect(one.data.skipped).toEqual([
        expect.objectContaining({ buyer_id: mayaId }),
      ])
    })

    it("webhooks: a bad, missing or stale signature is a 400 and changes nothing", async () => {
      await api.post("/store/buyers/me/payout-account", {}, lin.headers)
      const { payout_account } = (
        await api.get("/store/buyers/me/payout-account", lin.headers)
      ).data
      const account = fake.setAccount(payout_account.account_id, {
        payouts_enabled: true,
      })
      const ev = fake.event("account.updated", account as never)
      const tampered = ev.body.replace(
        '"payouts_enabled":true',
        '"payouts_enabled":false'
      )
      const cases = [
        { body: ev.body, signature: "" },
        { body: ev.body, signature: "t=1,v1=deadbeef" },
        { body: tampered, signature: ev.signature },
        {
          body: ev.body,
          signature: ev.signature.replace(/t=\d+/, "t=1000000000"),
        },
      ]
      for (const c of cases) {
        const res = await deliver(c)
        expect(res.status).toBe(400)
        expect(res.data.message).toContain("signature")
      }
      const noBody = await settle(
        api.post("/webhooks/stripe", "", {
          headers: { "stripe-signature": ev.signature },
        })
      )
      expect(noBody.status).toBe(400)
      expect(
        (await api.get("/store/buyers/me/payout-account", lin.headers)).data
          .payout_account.payouts_enabled
      ).toBe(false)
      expect(
        await sql(getContainer(), "SELECT id FROM payout_provider_event")
      ).toEqual([])
      // The webhook was never delivered: asking again refreshes from Stripe.
      const again = await api.post(
        "/store/buyers/me/payout-account",
        {},
        lin.headers
      )
      expect(again.data.payout_account).toMatchObject({
        account_id: payout_account.account_id,
        payouts_enabled: true,
      })
      // A payout to the buyer's bank failed at Stripe: shown to the buyer.
      const failure = await deliver(
        fake.event(
          "payout.failed",
          {
            id: "po_1",
            object: "payout",
            failure_code: "account_closed",
            failure_message: "The bank account has been closed",
          },
          { account: payout_account.account_id }
        )
      )
      expect(failure.data).toMatchObject({ outcome: "payout_failed" })
      expect(
        (await api.get("/store/buyers/me/payout-account", lin.headers)).data
          .payout_account.last_payout_failure
      ).toBe("account_closed: The bank account has been closed")
      // Signed by the other endpoint's secret: accepted. Older than the
      // last applied state of the account: changes nothing. Of the other
      // mode (livemode at a test key): ignored.
      const signed = (event: Record<string, unknown>, secret: string) => {
        const body = JSON.stringify(event)
        return {
          body,
          signature: Stripe.webhooks.generateTestHeaderString({
            payload: body,
            secret,
          }),
        }
      }
      const base = JSON.parse(ev.body)
      const stale = await deliver(
        signed(
          {
            ...base,
            id: "evt_stale",
            created: base.created - 60,
            data: { object: { ...account, payouts_enabled: false } },
          },
          "whsec_platform"
        )
      )
      expect(stale.data).toMatchObject({ outcome: "stale", duplicate: false })
      const live = await deliver(
        signed(
          {
            ...base,
            id: "evt_live",
            created: base.created + 60,
            livemode: true,
            data: { object: { ...account, payouts_enabled: false } },
          },
          "whsec_platform"
        )
      )
      expect(live.data).toMatchObject({ outcome: "ignored" })
      expect(
        (await api.get("/store/buyers/me/payout-account", lin.headers)).data
          .payout_account.payouts_enabled
      ).toBe(true)
      // An unhandled type is acknowledged once and ignored.
      const other = await deliver(
        fake.event("charge.succeeded", { id: "ch_1" })
      )
      expect(other.data).toMatchObject({ outcome: "ignored", duplicate: false })
    })

    it("bad input: 4xx naming the field, nothing written", async () => {
      const h = f.adminHeaders
      const bad: [string, Record<string, unknown>, string][] = [
        ["/admin/settlements", { currency_code: "euro" }, "currency_code"],
        ["/admin/settlements", { buyer_id: "" }, "buyer_id"],
        ["/admin/settlements", { foo: 1 }, "foo"],
      ]
      for (const [url, body, field] of bad) {
        const res = await settle(api.post(url, body, h))
        expect(res.status).toBe(400)
        expect(res.data.message).toContain(field)
      }
      for (const [q, field] of [
        ["status=bogus", "status"],
        ["limit=0", "limit"],
        ["format=xml", "format"],
        ["created_from=2026-02-01&created_to=2026-01-01", "created_to"],
        ["provider=paypal", "provider"],
        ["buyer=lin", "buyer"],
      ]) {
        const res = await settle(api.get(`/admin/settlements?${q}`, h))
        expect(res.status).toBe(400)
        expect(res.data.message).toContain(field)
      }
      expect(
        (await settle(api.get("/admin/settlements/stl_nope", h))).status
      ).toBe(404)
      expect(
        (await settle(api.post("/admin/settlements/stl_nope/retry", {}, h)))
          .status
      ).toBe(404)
      const retryBody = await settle(
        api.post("/admin/settlements/stl_nope/retry", { force: true }, h)
      )
      expect(retryBody.status).toBe(400)
      expect(retryBody.data.message).toContain("force")
      const markBad = await settle(
        api.post("/admin/settlements/stl_nope/mark-paid", { reference: " " }, h)
      )
      expect(markBad.status).toBe(400)
      expect(markBad.data.message).toContain("reference")
      // A Stripe settlement is not marked paid by hand.
      const account = await payableLin("30")
      fake.inject("transfers.create", { kind: "http_500" })
      const [s] = (await run()).data.settlements
      const mark = await settle(
        api.post(`/admin/settlements/${s.id}/mark-paid`, { reference: "x" }, h)
      )
      expect(mark.status).toBe(409)
      const markFailed = await settle(
        api.post(
          `/admin/settlements/${s.id}/mark-failed`,
          { reason: "bounced" },
          h
        )
      )
      expect(markFailed.status).toBe(409)
      expect(markFailed.data.message).toContain("stripe")
      expect(transfersTo(account)).toHaveLength(0)
      for (const [q, field] of [
        ["limit=0", "limit"],
        ["format=pdf", "format"],
        ["offset=-1", "offset"],
      ]) {
        const res = await settle(api.get(`/admin/settlements/${s.id}?${q}`, h))
        expect(res.status).toBe(400)
        expect(res.data.message).toContain(field)
      }
      // Store: own data only, no foreign filters.
      for (const q of ["buyer_id=x", "status=nope", "limit=500"]) {
        const res = await settle(
          api.get(`/store/buyers/me/settlements?${q}`, lin.headers)
        )
        expect(res.status).toBe(400)
      }
      for (const url of [
        `/store/buyers/me/settlements/${s.id}?limit=0`,
        `/store/buyers/me/settlements/${s.id}/statement?month=2026-11`,
        "/store/buyers/me/payout-account?refresh=1",
      ]) {
        const res = await settle(api.get(url, lin.headers))
        expect(res.status).toBe(400)
        expect(res.data.message).toMatch(/limit|month|refresh/)
      }
      expect(
        (
          await settle(
            api.post(
              "/store/buyers/me/payout-account",
              { country: "US" },
              lin.headers
            )
          )
        ).status
      ).toBe(400)
      const stranger = await createCustomerSession(
        getContainer(),
        f,
        "nobody@st.test"
      )
      expect(
        (
          await settle(
            api.post("/store/buyers/me/payout-account", {}, stranger.headers)
          )
        ).status
      ).toBe(404)
      expect(
        (
          await settle(
            api.get("/store/buyers/me/settlements", stranger.headers)
          )
        ).status
      ).toBe(404)
      // Stripe down while onboarding: 502, no account recorded.
      fake.inject("accounts.create", { kind: "http_500" })
      const down = await settle(
        api.post("/store/buyers/me/payout-account", {}, maya.headers)
      )
      expect(down.status).toBe(502)
      expect(
        (await api.get("/store/buyers/me/payout-account", maya.headers)).data
          .payout_account
      ).toBeNull()
    })

    it("admin reads: filters, totals, one settlement with its entries, CSV", async () => {
      const account = await payableLin("30")
      await onboard(maya)
      await credit(mayaId, "12.5")
      await credit(mayaId, "7", "usd")
      await run()
      const all = (await api.get("/admin/settlements", f.adminHeaders)).data
      expect(all.count).toBe(2)
      expect(all.totals).toEqual([
        { currency_code: "eur", status: "paid", amount: "42.5", count: 2 },
      ])
      const mayas = (
        await api.get(
          `/admin/settlements?buyer_id=${mayaId}&status=paid,failed`,
          f.adminHeaders
        )
      ).data
      expect(mayas.settlements).toHaveLength(1)
      expect(mayas.settlements[0].amount).toBe("12.5")
      const csv = await api.get(
        "/admin/settlements?format=csv&status=paid",
        f.adminHeaders
      )
      expect(csv.headers["content-type"]).toContain("text/csv")
      const lines = (csv.data as string).trim().split("\r\n")
      expect(lines[0]).toContain("provider_reference")
      expect(lines).toHaveLength(3)
      const linSettlement = all.settlements.find(
        (x: { buyer_id: string }) => x.buyer_id === linId
      )
      const detail = await settlementOf(linSettlement.id)
      expect(detail.entries_count).toBe(1)
      expect(detail.entries[0]).toMatchObject({ amount: "30", status: "paid" })
      const entriesCsv = (
        await api.get(
          `/admin/settlements/${linSettlement.id}?format=csv`,
          f.adminHeaders
        )
      ).data as string
      expect(entriesCsv.trim().split("\r\n")).toHaveLength(2)
      expect(entriesCsv).toContain(",test credit,")
      // A formula in a reason is defused for spreadsheets.
      await credit(linId, "1", "eur")
      await api.post(
        "/admin/commissions/adjustments",
        {
          buyer_id: linId,
          currency_code: "eur",
          amount: "2",
          reason: '=HYPERLINK("http://x","y")',
        },
        f.adminHeaders
      )
      const [again] = (await run({ buyer_id: linId })).data.settlements
      const defused = (
        await api.get(
          `/admin/settlements/${again.id}?format=csv`,
          f.adminHeaders
        )
      ).data as string
      expect(defused).toContain(`"'=HYPERLINK(""http://x"",""y"")"`)
      await expectConsistent(linId, account)
    })

    it("the scheduled job runs once per scheduled time", async () => {
      await payableLin("30")
      const schedule = "0 3 * * *"
      await settleIfDue(getContainer(), { schedule, now: new Date() })
      await settleIfDue(getContainer(), { schedule, now: new Date() })
      const runs = await sql<{ trigger: string; status: string }>(
        getContainer(),
        "SELECT trigger, status FROM settlement_run WHERE trigger = 'schedule'"
      )
      expect(runs).toEqual([{ trigger: "schedule", status: "completed" }])
      expect(
        (await api.get("/store/buyers/me/settlements", lin.headers)).data
          .settlements
      ).toEqual([expect.objectContaining({ status: "paid", amount: "30" })])
    })
  },
})
