import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { MathBN } from "@medusajs/framework/utils"
import path from "node:path"
import { COMMISSION_MODULE } from "../../src/modules/commission"
import CommissionEntry from "../../src/modules/commission/models/commission-entry"
import CommissionRule from "../../src/modules/commission/models/commission-rule"
import CommissionModuleService from "../../src/modules/commission/service"
import {
  accrualLine,
  entriesOf,
  orderFacts,
  payEntries,
} from "../helpers/ledger"

jest.setTimeout(60 * 1000)

const resolve = path.join(__dirname, "../../src/modules/commission")
const DAY = 24 * 3600 * 1000

moduleIntegrationTestRunner<CommissionModuleService>({
  moduleName: COMMISSION_MODULE,
  moduleModels: [CommissionRule, CommissionEntry],
  resolve,
  pathToMigrations: path.join(resolve, "migrations"),
  testSuite: ({ service, MikroOrmWrapper }) => {
    const sql = (text: string, bindings: unknown[] = []) =>
      MikroOrmWrapper.forkManager().execute(text, bindings)

    beforeEach(async () => {
      await service.createCommissionRules([
        { scope: "default", type: "percentage", rate: "10" },
      ] as never)
    })

    describe("accrual", () => {
      it("snapshots the rule, rounds once half-up, and never changes when the rule does", async () => {
        const rule = await service.createCommissionRules({
          scope: "product",
          type: "percentage",
          rate: "12.5",
          product_id: "prod_p",
        } as never)
        await service.accrueLines([
          accrualLine({
            order_id: "o1",
            order_line_id: "l1",
            product_id: "prod_p",
            base_amount: "19.99",
          }),
          // 0.5 × 10 % = 0.05 → 0 decimals for JPY: 123.45 × 10 % = 12.345 → 12
          accrualLine({
            order_id: "o1",
            order_line_id: "l2",
            currency_code: "jpy",
            base_amount: "125",
          }),
        ])
        await service.updateCommissionRules({
          id: rule.id,
          rate: "50",
        } as never)
        const rows = await service.listCommissionEntries(
          { order_id: "o1" },
          { order: { order_line_id: "ASC" } }
        )
        // 19.99 × 12.5 % = 2.49875 → 2.50; 125 JPY × 10 % = 12.5 → 13
        expect(
          rows.map((r) => [
            r.order_line_id,
            (r.raw_amount as unknown as { value: string }).value,
            r.rule_scope,
            (r.raw_rule_rate as unknown as { value: string }).value,
            r.status,
          ])
        ).toEqual([
          ["l1", "2.5", "product", "12.5", "pending"],
          ["l2", "13", "default", "10", "pending"],
        ])
      })

      it("writes each line once under re-delivery and concurrency", async () => {
        const lines = [1, 2, 3].map((i) =>
          accrualLine({ order_id: "o2", order_line_id: `l${i}` })
        )
        const results = await Promise.all([
          service.accrueLines(lines),
          service.accrueLines(lines),
          service.accrueLines(lines),
        ])
        await service.accrueLines(lines)
        expect(results.map((r) => r.created.length).sort()).toEqual([0, 0, 3])
        expect(await entriesOf(service, { order_id: "o2" })).toHaveLength(3)
      })

      it("caps a line in the cap's currency only", async () => {
        await service.createCommissionRules([
          {
            scope: "buyer",
            type: "percentage",
            rate: "20",
            buyer_id: "buyer_cap",
            cap_amount: "5",
            cap_currency_code: "eur",
          },
        ] as never)
        await service.accrueLines([
          accrualLine({
            order_id: "o3",
            order_line_id: "eur",
            buyer_id: "buyer_cap",
          }),
          accrualLine({
            order_id: "o3",
            order_line_id: "usd",
            buyer_id: "buyer_cap",
            currency_code: "usd",
          }),
        ])
        const rows = await entriesOf(service, { order_id: "o3" })
        expect(
          Object.fromEntries(rows.map((r) => [r.order_line_id, r.amount]))
        ).toEqual({ eur: "5", usd: "20" })
      })
    })

    describe("order life", () => {
      it("reverses a partial return pro rata and never more than the accrual", async () => {
        await service.accrueLines([
          accrualLine({
            order_id: "o4",
            order_line_id: "l1",
            quantity: 3,
            base_amount: "100",
          }),
        ])
        const steps: string[] = []
        for (const returned of [1, 2, 2, 3, 3]) {
          const c = await service.syncOrderLedger(
            orderFacts("o4", [
              { id: "l1", quantity: 3, fulfilled: 3, returned },
            ])
          )
          steps.push(c.created.map((e) => e.amount).join(",") || "-")
        }
        // 10.00 accrued; cumulative targets 3.33, 6.67, 10.00
        expect(steps).toEqual(["-3.33", "-3.34", "-", "-3.33", "-"])
        const rows = await entriesOf(service, { order_id: "o4" })
        expect(MathBN.sum(...rows.map((r) => r.amount)).toFixed()).toBe("0")
      })

      it("starts the hold at fulfillment and approves when it ends", async () => {
        await service.accrueLines([
          accrualLine({ order_id: "o5", order_line_id: "l1", quantity: 2 }),
        ])
        const now = new Date()
        await service.syncOrderLedger(
          orderFacts("o5", [{ id: "l1", quantity: 2, fulfilled: 1 }]),
          now
        )
        expect(
          (await entriesOf(service, { order_id: "o5" }))[0].available_at
        ).toBeNull()
        await service.syncOrderLedger(
          orderFacts("o5", [{ id: "l1", quantity: 2, fulfilled: 2 }]),
          now
        )
        const [entry] = await entriesOf(service, { order_id: "o5" })
        expect(new Date(entry.available_at!).getTime()).toBe(
          now.getTime() + 14 * DAY
        )

        expect(
          (await service.approveDueEntries(new Date(now.getTime() + 13 * DAY)))
            .status_changes
        ).toHaveLength(0)
        const approved = await service.approveDueEntries(
          new Date(now.getTime() + 14 * DAY)
        )
        expect(approved.status_changes.map((s) => s.id)).toEqual([entry.id])
        expect((await entriesOf(service, { order_id: "o5" }))[0].status).toBe(
          "approved"
        )
      })

      it("voids on cancel before approval, reverses after approval, claws back after payment", async () => {
        for (const o of ["before", "after", "paid"]) {
          await service.accrueLines([
            accrualLine({
              order_id: o,
              order_line_id: `${o}_l1`,
              buyer_id: "b_life",
            }),
          ])
          await service.syncOrderLedger(
            orderFacts(o, [{ id: `${o}_l1`, quantity: 1, fulfilled: 1 }]),
            new Date(Date.now() - 30 * DAY)
          )
        }
        await service.approveDueEntries()
        const [paidEntry] = await entriesOf(service, { order_id: "paid" })
        await payEntries(sql, [paidEntry.id], "stl_1")

        await service.accrueLines([
          accrualLine({
            order_id: "fresh",
            order_line_id: "fresh_l1",
            buyer_id: "b_life",
          }),
        ])
        for (const o of ["fresh", "after", "paid"]) {
          await service.syncOrderLedger(
            orderFacts(o, [{ id: `${o}_l1`, quantity: 1 }], { canceled: true })
          )
        }
        const byOrder = async (o: string) =>
          (await entriesOf(service, { order_id: o })).map((e) => [
            e.type,
            e.status,
            e.amount,
          ])
        expect(await byOrder("fresh")).toEqual([["accrual", "void", "10"]])
        expect(await byOrder("after")).toEqual([
          ["accrual", "approved", "10"],
          ["reversal", "approved", "-10"],
        ])
        expect(await byOrder("paid")).toEqual([
          ["accrual", "paid", "10"],
          ["reversal", "approved", "-10"],
        ])
        const [balance] = await service.listBalances({ buyer_id: "b_life" })
        // before: +10 approved (not canceled); fresh: void, counts nowhere;
        // after: +10 −10 approved; paid: +10 paid, −10 approved (clawback)
        expect(balance).toMatchObject({
          accrued: "30",
          reversed: "-20",
          paid: "10",
          approved: "0",
          payable: "0",
          pending: "0",
        })
      })

      it("holds an order's entries out of approval; the hold clock still runs", async () => {
        const now = new Date()
        const status = async () =>
          (await entriesOf(service, { order_id: "o6" }))[0].status
        await service.accrueLines([
          accrualLine({ order_id: "o6", order_line_id: "l1" }),
        ])
        await service.setOrderHold({ order_id: "o6", hold: true }, now)
        expect(await status()).toBe("on_hold")
        await service.syncOrderLedger(
          orderFacts("o6", [{ id: "l1", quantity: 1, fulfilled: 1 }]),
          now
        )
        await service.approveDueEntries(new Date(now.getTime() + 15 * DAY))
        expect(await status()).toBe("on_hold")
        // Released before the hold ends: pending, then approved when due.
        await service.setOrderHold({ order_id: "o6", hold: false }, now)
        expect(await status()).toBe("pending")
        await service.approveDueEntries(new Date(now.getTime() + 15 * DAY))
        expect(await status()).toBe("approved")
        // Held again and released after the hold ended: approved at once.
        await service.setOrderHold({ order_id: "o6", hold: true }, now)
        await service.setOrderHold({ order_id: "o6", hold: false }, now)
        expect(await status()).toBe("approved")
      })
    })

    describe("append-only", () => {
      it("refuses to change an amount, un-pay, soft-delete, or delete a paid entry", async () => {
        await service.accrueLines([
          accrualLine({ order_id: "o7", order_line_id: "l1" }),
        ])
        const [e] = await entriesOf(service, { order_id: "o7" })
        await expect(
          sql(
            `UPDATE commission_entry SET amount = 99, raw_amount = '{"value":"99","precision":20}' WHERE id = ?`,
            [e.id]
          )
        ).rejects.toThrow(/append-only/)
        await expect(
          service.updateCommissionEntries({ id: e.id, amount: 1 } as never)
        ).rejects.toThrow(/append-only/)
        await expect(
          service.softDeleteCommissionEntries([e.id])
        ).rejects.toThrow(/soft-deleted/)
        await sql(
          `UPDATE commission_entry SET status = 'approved' WHERE id = ?`,
          [e.id]
        )
        await payEntries(sql, [e.id], "stl_x")
        await expect(
          sql(`UPDATE commission_entry SET status = 'approved' WHERE id = ?`, [
            e.id,
          ])
        ).rejects.toThrow(/paid and stays so/)
        await expect(
          sql(
            `UPDATE commission_entry SET settlement_id = 'stl_y' WHERE id = ?`,
            [e.id]
          )
        ).rejects.toThrow(/belongs to settlement/)
        await expect(
          sql(`DELETE FROM commission_entry WHERE id = ?`, [e.id])
        ).rejects.toThrow(/cannot be deleted/)
        expect((await entriesOf(service, { order_id: "o7" }))[0]).toMatchObject(
          {
            amount: "10",
            status: "paid",
            settlement_id: "stl_x",
          }
        )
      })

      it("lets a compensation undo exactly its own write", async () => {
        const accrued = await service.accrueLines([
          accrualLine({ order_id: "o8", order_line_id: "l1" }),
        ])
        const synced = await service.syncOrderLedger(
          orderFacts("o8", [{ id: "l1", quantity: 1 }], { canceled: true })
        )
        expect(synced.status_changes).toEqual([
          expect.objectContaining({ from: "pending", to: "void" }),
        ])
        await service.revertLedgerChanges(synced)
        expect((await entriesOf(service, { order_id: "o8" }))[0].status).toBe(
          "pending"
        )
        await service.revertLedgerChanges(accrued)
        expect(await entriesOf(service, { order_id: "o8" })).toEqual([])
      })
    })
  },
})
