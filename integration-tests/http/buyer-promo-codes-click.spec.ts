import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import {
  PromoWorld,
  createPromoWorld,
  giveCode,
  orderWithCodes,
  waitForDecision,
  waitForEntries,
} from "../helpers/promo-codes"

jest.setTimeout(240 * 1000)

// The plugin option `promo_code_precedence: "click"` (medusa-config.ts reads
// it from here when the runner loads the app).
process.env.NOTES_PROMO_CODE_PRECEDENCE = "click"

/** Buyer promo codes with the `click` precedence (issue 15). */
medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let w: PromoWorld

    beforeEach(async () => {
      w = await createPromoWorld(api, getContainer())
    })

    it("code and another buyer's click: the click wins (click_over_promo_code), on the discounted amount", async () => {
      await giveCode(api, w, { code: "LIN10", type: "percentage", value: "10" })
      const order = await orderWithCodes(api, getContainer(), w, {
        codes: ["LIN10"],
        viaMaya: true,
      })
      const decision = await waitForDecision(api, w, order.id)
      expect(decision).toMatchObject({
        outcome: "attributed",
        reason: "click_over_promo_code",
        basket: "tagged",
      })
      // Maya's note tags the first product only: EUR 40 less 10 %.
      const entries = await waitForEntries(api, w, order.id, (n) => n === 1)
      expect(entries.map((e) => [e.buyer_id, e.base_amount, e.amount])).toEqual(
        [[w.mayaId, "36", "3.6"]]
      )
    })

    it("the code alone still earns under the click precedence", async () => {
      await giveCode(api, w, { code: "LIN10", type: "percentage", value: "10" })
      const order = await orderWithCodes(api, getContainer(), w, {
        codes: ["LIN10"],
      })
      expect(await waitForDecision(api, w, order.id)).toMatchObject({
        outcome: "attributed",
        reason: "promo_code",
      })
      const entries = await waitForEntries(api, w, order.id, (n) => n === 2)
      expect(entries.every((e) => e.buyer_id === w.linId)).toBe(true)
    })
  },
})
