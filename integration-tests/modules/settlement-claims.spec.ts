import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import path from "node:path"
import { COMMISSION_MODULE } from "../../src/modules/commission"
import CommissionEntry from "../../src/modules/commission/models/commission-entry"
import CommissionRule from "../../src/modules/commission/models/commission-rule"
import Settlement from "../../src/modules/commission/models/settlement"
import CommissionModuleService from "../../src/modules/commission/service"

jest.setTimeout(60 * 1000)

const resolve = path.join(__dirname, "../../src/modules/commission")

moduleIntegrationTestRunner<CommissionModuleService>({
  moduleName: COMMISSION_MODULE,
  moduleModels: [CommissionRule, CommissionEntry, Settlement],
  resolve,
  pathToMigrations: path.join(resolve, "migrations"),
  testSuite: ({ service, MikroOrmWrapper }) => {
    const sql = (text: string, bindings: unknown[] = []) =>
      MikroOrmWrapper.forkManager().execute(text, bindings)

    const credit = (buyer_id: string, amount: string, currency = "eur") =>
      service.createAdjustment({
        buyer_id,
        currency_code: currency,
        amount,
        reason: "credit",
        actor_id: null,
      })

    const claim = (buyer_id: string, extra: { settlement_id?: string } = {}) =>
      service.claimSettlement({
        buyer_id,
        currency_code: "eur",
        account_id: null,
        threshold: "0",
        run_id: null,
        ...extra,
      })

    it("concurrent claims: every entry in exactly one settlement, one settlement per balance", async () => {
      // Several rounds: the split this guards against (two claims each
      // taking the rows the other had not locked yet) is a race.
      const rounds = 5
      for (let round = 0; round < rounds; round++) {
        const buyer = `buyer_c${round}`
        for (let i = 0; i < 20; i++) {
          await credit(buyer, "1.5")
        }
        const outcomes = await Promise.all(
          Array.from({ length: 6 }, () => claim(buyer))
        )
        const made = outcomes.filter((o) => o.settlement)
        expect(made).toHaveLength(1)
        expect(made[0].settlement).toMatchObject({
          amount: "30",
          entry_count: 20,
          status: "pending",
        })
        for (const o of outcomes.filter((o) => o.skip)) {
          expect(o.skip).toEqual({ reason: "negative_balance", amount: "0" })
        }
        const rows = (await sql(
          `SELECT settlement_id, count(*)::int AS n FROM commission_entry
           WHERE buyer_id = ? GROUP BY settlement_id`,
          [buyer]
        )) as { settlement_id: string; n: number }[]
        expect(rows).toEqual([{ settlement_id: made[0].settlement!.id, n: 20 }])
      }
      expect(await sql(`SELECT count(*)::int AS n FROM settlement`)).toEqual([
        { n: rounds },
      ])
    })

    it("concurrent claims never pay a credit while releasing the debit beside it", async () => {
      for (let round = 0; round < 5; round++) {
        const buyer = `buyer_d${round}`
        for (let i = 0; i < 10; i++) {
          await credit(buyer, "1")
          await credit(buyer, "-0.8")
        }
        const outcomes = await Promise.all(
          Array.from({ length: 6 }, () => claim(buyer))
        )
        const made = outcomes.filter((o) => o.settlement)
        expect(made).toHaveLength(1)
        // The balance is 2: paying more would leave the buyer owing.
        expect(made[0].settlement).toMatchObject({
          amount: "2",
          entry_count: 20,
        })
      }
    })

    it("a negative or under-threshold total is rolled back: nothing claimed", async () => {
      await credit("buyer_n", "5")
      await credit("buyer_n", "-8")
      expect(await claim("buyer_n")).toEqual({
        skip: { reason: "negative_balance", amount: "-3" },
      })
      await credit("buyer_n", "4")
      expect(
        await service.claimSettlement({
          buyer_id: "buyer_n",
          currency_code: "eur",
          account_id: null,
          threshold: "1.01",
          run_id: null,
        })
      ).toEqual({ skip: { reason: "under_threshold", amount: "1" } })
      expect(
        await sql(
          `SELECT count(*)::int AS n FROM commission_entry WHERE settlement_id IS NOT NULL`
        )
      ).toEqual([{ n: 0 }])
      expect(await sql(`SELECT count(*)::int AS n FROM settlement`)).toEqual([
        { n: 0 },
      ])
    })

    it("fail releases the entries; a retry claims again under the next generation; paid is final", async () => {
      await credit("buyer_f", "10")
      const first = (await claim("buyer_f")).settlement!
      await service.beginSettlementAttempt(first.id)
      expect(
        await service.failSettlement({ id: first.id, reason: "declined" })
      ).toBe(true)
      expect(
        await sql(
          `SELECT count(*)::int AS n FROM commission_entry WHERE settlement_id IS NOT NULL`
        )
      ).toEqual([{ n: 0 }])
      // Only a failed settlement is claimed again; the next key generation.
      await credit("buyer_f", "2.5")
      const again = (await claim("buyer_f", { settlement_id: first.id }))
        .settlement!
      expect(again).toMatchObject({
        id: first.id,
        amount: "12.5",
        entry_count: 2,
        generation: 1,
        status: "pending",
      })
      await expect(
        claim("buyer_f", { settlement_id: first.id })
      ).rejects.toThrow("only a failed settlement")
      await service.beginSettlementAttempt(first.id)
      expect(
        await service.completeSettlement({ id: first.id, reference: "tr_1" })
      ).toBe(true)
      // A second completion (a healing run second) changes nothing.
      expect(
        await service.completeSettlement({ id: first.id, reference: "tr_2" })
      ).toBe(false)
      expect(
        await service.failSettlement({ id: first.id, reason: "late" })
      ).toBe(false)
      const [s] = (await sql(
        `SELECT status, provider_reference, attempts FROM settlement WHERE id = ?`,
        [first.id]
      )) as { status: string; provider_reference: string; attempts: number }[]
      expect(s).toEqual({
        status: "paid",
        provider_reference: "tr_1",
        attempts: 2,
      })
      // The ledger refuses to take a paid entry out of its settlement.
      await expect(
        sql(
          `UPDATE commission_entry SET settlement_id = NULL WHERE settlement_id = ?`,
          [first.id]
        )
      ).rejects.toThrow("belongs to settlement")
      await expect(
        sql(
          `UPDATE commission_entry SET settlement_id = 'stl_other' WHERE settlement_id = ?`,
          [first.id]
        )
      ).rejects.toThrow()
      // Compensation of a manual mark-paid may undo it, and only it.
      await service.revertSettlementPaid(first.id)
      expect(
        await sql(
          `SELECT DISTINCT status FROM commission_entry WHERE settlement_id = ?`,
          [first.id]
        )
      ).toEqual([{ status: "approved" }])
    })
  },
})
