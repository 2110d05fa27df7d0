import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import {
  StoreFixture,
  createApprovedBuyer,
  createCustomerSession,
  createStoreFixture,
  settle,
} from "../helpers/fixtures"
import { COMMISSION_MODULE } from "../../src/modules/commission"
import type CommissionModuleService from "../../src/modules/commission/service"

jest.setTimeout(300 * 1000)

/**
 * The two reads the merchant's admin pages added: the buyers list filtered
 * by ids (the "flagged" filter lists the buyers the review signals name)
 * and a buyer's payout account state.
 */
medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let f: StoreFixture

    beforeEach(async () => {
      f = await createStoreFixture(getContainer())
    })

    describe("GET /admin/buyers?id=", () => {
      it("should list only the given buyers, comma-separated or repeated", async () => {
        const a = await createApprovedBuyer(
          api,
          getContainer(),
          f,
          "a@extras.test",
          "buyer_aa"
        )
        const b = await createApprovedBuyer(
          api,
          getContainer(),
          f,
          "b@extras.test",
          "buyer_bb"
        )
        await createApprovedBuyer(
          api,
          getContainer(),
          f,
          "c@extras.test",
          "buyer_cc"
        )

        const one = await api.get(
          `/admin/buyers?id=${a.buyerId}`,
          f.adminHeaders
        )
        expect(one.data.count).toBe(1)
        expect(one.data.buyers.map((x: { id: string }) => x.id)).toEqual([
          a.buyerId,
        ])

        const two = await api.get(
          `/admin/buyers?id=${a.buyerId},${b.buyerId},buyer_missing`,
          f.adminHeaders
        )
        expect(two.data.count).toBe(2)
        expect(two.data.buyers.map((x: { id: string }) => x.id).sort()).toEqual(
          [a.buyerId, b.buyerId].sort()
        )

        const repeated = await api.get(
          `/admin/buyers?id=${a.buyerId}&id=${b.buyerId}&status=approved`,
          f.adminHeaders
        )
        expect(repeated.data.count).toBe(2)

        const all = await api.get("/admin/buyers", f.adminHeaders)
        expect(all.data.count).toBe(3)
      })

      it("should answer 400 naming id for an empty or oversized list", async () => {
        const empty = await settle(
          api.get("/admin/buyers?id=,", f.adminHeaders)
        )
        expect(empty.status).toBe(400)
        expect(empty.data.message).toMatch(/^id/)
        const many = Array.from({ length: 101 }, (_, i) => `buyer_${i}`)
        const big = await settle(
          api.get(`/admin/buyers?id=${many.join(",")}`, f.adminHeaders)
        )
        expect(big.status).toBe(400)
        expect(big.data.message).toMatch(/^id/)
      })
    })

    describe("GET /admin/buyers?order=", () => {
      it("should sort by a field both ways, ties broken by id", async () => {
        for (const [email, handle] of [
          ["m@order.test", "mango"],
          ["a@order.test", "apple"],
          ["k@order.test", "kiwi"],
        ]) {
          await createApprovedBuyer(api, getContainer(), f, email, handle)
        }
        const handles = async (order: string) =>
          (
            await api.get(`/admin/buyers?order=${order}`, f.adminHeaders)
          ).data.buyers.map((b: { handle: string }) => b.handle)
        expect(await handles("handle")).toEqual(["apple", "kiwi", "mango"])
        expect(await handles("-handle")).toEqual(["mango", "kiwi", "apple"])
        // Newest first stays the default.
        expect(await handles("-created_at")).toEqual(["kiwi", "apple", "mango"])
        const all = await api.get("/admin/buyers", f.adminHeaders)
        expect(
          all.data.buyers.map((b: { handle: string }) => b.handle)
        ).toEqual(["kiwi", "apple", "mango"])
        // Equal statuses: pages split on id, never repeating or losing a row.
        const paged: string[] = []
        for (let offset = 0; offset < 3; offset++) {
          const page = await api.get(
            `/admin/buyers?order=status&limit=1&offset=${offset}`,
            f.adminHeaders
          )
          paged.push(page.data.buyers[0].id)
        }
        const ids = all.data.buyers.map((b: { id: string }) => b.id)
        expect(paged).toEqual([...ids].sort())
      })

      it("should answer 400 naming order for an unknown field", async () => {
        for (const bad of ["email", "--handle", "handle,id", "+handle", ""]) {
          const res = await settle(
            api.get(
              `/admin/buyers?order=${encodeURIComponent(bad)}`,
              f.adminHeaders
            )
          )
          expect(res.status).toBe(400)
          expect(res.data.message).toMatch(/^order/)
        }
      })
    })

    describe("GET /admin/buyers/:id/payout-account", () => {
      it("should answer the provider and no account for a manual store", async () => {
        const s = await createCustomerSession(
          getContainer(),
          f,
          "p@extras.test"
        )
        const {
          data: { buyer },
        } = await api.post(
          "/store/buyers",
          { handle: "payee", display_name: "Payee" },
          s.headers
        )
        const res = await api.get(
          `/admin/buyers/${buyer.id}/payout-account`,
          f.adminHeaders
        )
        expect(res.status).toBe(200)
        const mine = await api.get("/store/buyers/me/payout-account", s.headers)
        // The admin sees what the buyer sees.
        expect(res.data.provider).toBe(mine.data.provider)
        expect(res.data.payout_account).toEqual(mine.data.payout_account)
        expect(res.data.payout_account).toBeNull()

        // An account at the configured provider, as onboarding leaves it.
        await getContainer()
          .resolve<CommissionModuleService>(COMMISSION_MODULE)
          .createPayoutAccounts({
            buyer_id: buyer.id,
            provider: res.data.provider,
            account_id: "acct_extras_1",
            payouts_enabled: false,
            details_submitted: true,
            disabled_reason: "requirements.past_due",
          })
        const after = await api.get(
          `/admin/buyers/${buyer.id}/payout-account`,
          f.adminHeaders
        )
        expect(after.data.payout_account).toMatchObject({
          provider: res.data.provider,
          account_id: "acct_extras_1",
          payouts_enabled: false,
          details_submitted: true,
          disabled_reason: "requirements.past_due",
          last_payout_failure: null,
        })
      })

      it("should answer 404 for an unknown buyer and 400 for a query", async () => {
        const missing = await settle(
          api.get("/admin/buyers/buyer_nope/payout-account", f.adminHeaders)
        )
        expect(missing.status).toBe(404)
        const s = await createCustomerSession(
          getContainer(),
          f,
          "q@extras.test"
        )
        const {
          data: { buyer },
        } = await api.post(
          "/store/buyers",
          { handle: "payee2", display_name: "Payee" },
          s.headers
        )
        const extra = await settle(
          api.get(
            `/admin/buyers/${buyer.id}/payout-account?x=1`,
            f.adminHeaders
          )
        )
        expect(extra.status).toBe(400)
        expect(extra.data.message).toMatch(/^x/)
      })
    })
  },
})
