import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import path from "node:path"
import { COMMISSION_MODULE } from "../../src/modules/commission"
import CommissionRule from "../../src/modules/commission/models/commission-rule"
import CommissionModuleService from "../../src/modules/commission/service"

jest.setTimeout(60 * 1000)

const resolve = path.join(__dirname, "../../src/modules/commission")

moduleIntegrationTestRunner<CommissionModuleService>({
  moduleName: COMMISSION_MODULE,
  moduleModels: [CommissionRule],
  resolve,
  pathToMigrations: path.join(resolve, "migrations"),
  testSuite: ({ service }) => {
    it("stores rates and amounts as exact big numbers", async () => {
      const [pct, flat] = (await service.createCommissionRules([
        { scope: "default", type: "percentage", rate: "12.345678901234567" },
        {
          scope: "product",
          type: "flat",
          amount: "0.1",
          currency_code: "eur",
          product_id: "prod_1",
          cap_amount: "1000000000000.01",
          cap_currency_code: "eur",
        },
      ] as never)) as unknown as { id: string }[]
      const [readPct] = await service.listCommissionRules({ id: pct.id })
      const [readFlat] = await service.listCommissionRules({ id: flat.id })
      expect((readPct.raw_rate as { value: string }).value).toBe(
        "12.345678901234567"
      )
      expect((readFlat.raw_amount as { value: string }).value).toBe("0.1")
      expect((readFlat.raw_cap_amount as { value: string }).value).toBe(
        "1000000000000.01"
      )
      expect(readPct.is_active).toBe(true)
    })
  },
})
