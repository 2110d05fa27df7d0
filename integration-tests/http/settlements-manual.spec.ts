import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import {
  StoreFixture,
  createApprovedBuyer,
  createStoreFixture,
  settle,
} from "../helpers/fixtures"

jest.setTimeout(240 * 1000)

// Without Stripe keys the store pays buyers by hand.
for (const k of Object.keys(process.env).filter((k) =>
  k.startsWith("STRIPE_")
)) {
  delete process.env[k]
}
process.env.NOTES_SETTLEMENT_SCHEDULE = "off"

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let f: StoreFixture
    let lin: Awaited<ReturnType<typeof createApprovedBuyer>>

    beforeEach(async () => {
      f = await createStoreFixture(getContainer())
      lin = await createApprovedBuyer(
        api,
        getContainer(),
        f,
        "lin@manual.test",
        "lin"
      )
    })

    it("manual payouts: run → processing, CSV to pay from, mark paid with a reference", async () => {
      const h = f.adminHeaders
      await api.post(
        "/admin/commissions/adjustments",
        {
          buyer_id: lin.buyerId,
          currency_code: "eur",
          amount: "42.5",
          reason: "launch bonus",
        },
        h
      )
      // No onboarding with manual payouts; no Stripe webhook either.
      const onboarding = await settle(
        api.post("/store/buyers/me/payout-account", {}, lin.session.headers)
      )
      expect(onboarding.status).toBe(409)
      expect(onboarding.data.message).toContain("manually")
      expect(
        (await api.get("/store/buyers/me/payout-account", lin.session.headers))
          .data
      ).toEqual({ provider: "manual", payout_account: null })
      expect(
        (await settle(api.post("/webhooks/stripe", { id: "evt_1" }))).status
      ).toBe(404)

      const run = await api.post("/admin/settlements", {}, h)
      expect(run.data.settlements).toEqual([
        expect.objectContaining({
          buyer_id: lin.buyerId,
          amount: "42.5",
          status: "processing",
          reason: "awaiting manual payment",
        }),
      ])
      const id = run.data.settlements[0].id
      // Claimed: not payable twice while it waits.
      const again = await api.post("/admin/settlements", {}, h)
      expect(again.data.settlements).toEqual([])
      const csv = (
        await api.get(
          "/admin/settlements?format=csv&provider=manual&status=processing",
          h
        )
      ).data as string
      const lines = csv.trim().split("\r\n")
      expect(lines).toHaveLength(2)
      expect(lines[1]).toContain(id)
      expect(lines[1]).toContain("42.5")
      // Retry has nothing to send: the admin pays.
      const retry = await settle(
        api.post(`/admin/settlements/${id}/retry`, {}, h)
      )
      expect(retry.status).toBe(409)
      expect(retry.data.message).toContain("mark it paid")

      const paid = await api.post(
        `/admin/settlements/${id}/mark-paid`,
        { reference: "SEPA-2026-11-0042" },
        h
      )
      expect(paid.data.settlement).toMatchObject({
        id,
        status: "paid",
        provider: "manual",
        provider_reference: "SEPA-2026-11-0042",
      })
      const twice = await settle(
        api.post(`/admin/settlements/${id}/mark-paid`, { reference: "x" }, h)
      )
      expect(twice.status).toBe(409)
      expect(twice.data.message).toContain("paid")
      const bal = (
        await api.get("/store/buyers/me/balance", lin.session.headers)
      ).data.balances[0]
      expect(bal).toMatchObject({ paid: "42.5", payable: "0", approved: "0" })
      const mine = (
        await api.get("/store/buyers/me/settlements", lin.session.headers)
      ).data.settlements
      expect(mine).toEqual([
        expect.objectContaining({
          id,
          status: "paid",
          provider_reference: "SEPA-2026-11-0042",
        }),
      ])
    })

    it("a manual payment that bounced: marked failed, its entries payable again, settled anew", async () => {
      const h = f.adminHeaders
      await api.post(
        "/admin/commissions/adjustments",
        {
          buyer_id: lin.buyerId,
          currency_code: "eur",
          amount: "10",
          reason: "bonus",
        },
        h
      )
      const [s] = (await api.post("/admin/settlements", {}, h)).data.settlements
      const short = await settle(
        api.post(`/admin/settlements/${s.id}/mark-failed`, { reason: "x" }, h)
      )
      expect(short.status).toBe(400)
      expect(short.data.message).toContain("reason")
      const failed = await api.post(
        `/admin/settlements/${s.id}/mark-failed`,
        { reason: "IBAN closed" },
        h
      )
      expect(failed.data.settlement).toMatchObject({
        status: "failed",
        failure_reason: "IBAN closed",
      })
      const bal = (
        await api.get(`/admin/commissions/balances?buyer_id=${lin.buyerId}`, h)
      ).data.balances[0]
      expect(bal).toMatchObject({ payable: "10", paid: "0" })
      expect(
        (
          await settle(
            api.post(
              `/admin/settlements/${s.id}/mark-failed`,
              { reason: "again" },
              h
            )
          )
        ).status
      ).toBe(409)
      const [next] = (await api.post("/admin/settlements", {}, h)).data
        .settlements
      expect(next).toMatchObject({ amount: "10", status: "processing" })
      expect(next.id).not.toBe(s.id)
    })
  },
})
