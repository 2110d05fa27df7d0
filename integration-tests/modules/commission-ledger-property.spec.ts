import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import fc from "fast-check"
import path from "node:path"
import { COMMISSION_MODULE } from "../../src/modules/commission"
import CommissionEntry from "../../src/modules/commission/models/commission-entry"
import CommissionRule from "../../src/modules/commission/models/commission-rule"
import Settlement from "../../src/modules/commission/models/settlement"
import CommissionModuleService from "../../src/modules/commission/service"
import { accrualLine, orderFacts } from "../helpers/ledger"
import { ledgerRollupMismatches } from "../helpers/ledger-rollups"

/**
 * Random order lifecycles against the real commission module and
 * PostgreSQL: orders with several lines in several currencies, rule
 * changes, fulfillments, approvals, partial and full returns, refunds,
 * cancels before and after approval and after payment, payments, holds,
 * adjustments and re-delivered events. After each lifecycle the ledger is
 * checked against a model computed independently here, in integer minor
 * units with BigInt.
 */

// A rollup row's sums, as values (a rebuild may sum to another scale).
const ROLLUP_SUMS = [
  "sales",
  "accrued",
  "reversed",
  "adjusted",
  "pending",
  "on_hold",
  "approved",
  "paid",
]
  .map((c) => `trim_scale(${c}) AS ${c}`)
  .join(", ")
const RUNS = Number(process.env.LEDGER_PROPERTY_RUNS ?? 1000)
jest.setTimeout(20 * 60 * 1000)

const resolve = path.join(__dirname, "../../src/modules/commission")
const DAY = 24 * 3600 * 1000
const PRECISION: Record<string, number> = { eur: 2, usd: 2, jpy: 0, kwd: 3 }
const CURRENCIES = Object.keys(PRECISION)

// ---- independent arithmetic: BigInt minor units, half-up ----
const pow10 = (p: number) => 10n ** BigInt(p)
function toMinor(decimal: string, p: number): bigint {
  const neg = decimal.startsWith("-")
  const [int, frac = ""] = (neg ? decimal.slice(1) : decimal).split(".")
  if (frac.length > p) {
    throw new Error(`${decimal} has more than ${p} decimals`)
  }
  const v =
    BigInt(int) * pow10(p) + BigInt((frac + "0".repeat(p)).slice(0, p) || "0")
  return neg ? -v : v
}
const fromMinor = (v: bigint, p: number) => {
  const neg = v < 0n
  const a = neg ? -v : v
  const s = p
    ? `${a / pow10(p)}.${(a % pow10(p)).toString().padStart(p, "0")}`
    : `${a}`
  return (neg ? "-" : "") + s
}
/** round_half_up(n / d) for n ≥ 0, d > 0. */
const divHalfUp = (n: bigint, d: bigint) => (2n * n + d) / (2n * d)

// ---- the lifecycle language ----
const currencyArb = fc.constantFrom(...CURRENCIES)
const orderArb = fc.record({
  currency: currencyArb,
  lines: fc.array(
    fc.record({
      qty: fc.integer({ min: 1, max: 5 }),
      base_minor: fc.integer({ min: 0, max: 500_000 }),
      product: fc.constantFrom("p1", "p2"),
    }),
    { minLength: 1, maxLength: 3 }
  ),
})
// Weighted so that lines are often fulfilled and approved, which the
// interesting paths (cancel after approval, clawback after payment) need.
const w = <T>(weight: number, arbitrary: fc.Arbitrary<T>) => ({
  weight,
  arbitrary,
})
const actionArb = fc.oneof(
  w(
    4,
    fc.record({
      kind: fc.constant("fulfill" as const),
      order: fc.nat(),
      line: fc.nat(),
    })
  ),
  w(
    3,
    fc.record({
      kind: fc.constant("approve" as const),
      days: fc.constantFrom(0, 7, 15, 30),
    })
  ),
  w(
    1,
    fc.record({
      kind: fc.constant("return" as const),
      order: fc.nat(),
      line: fc.nat(),
      units: fc.integer({ min: 1, max: 5 }),
    })
  ),
  w(
    1,
    fc.record({
      kind: fc.constant("refund" as const),
      order: fc.nat(),
      pct: fc.integer({ min: 1, max: 60 }),
    })
  ),
  w(1, fc.record({ kind: fc.constant("cancel" as const), order: fc.nat() })),
  w(3, fc.record({ kind: fc.constant("pay" as const) })),
  w(
    1,
    fc.record({
      kind: fc.constant("hold" as const),
      order: fc.nat(),
      hold: fc.boolean(),
    })
  ),
  w(
    1,
    fc.record({
      kind: fc.constant("adjust" as const),
      currency: currencyArb,
      minor: fc.integer({ min: -10_000, max: 10_000 }).filter((x) => x !== 0),
    })
  ),
  w(
    1,
    fc.record({
      kind: fc.constant("rate" as const),
      rate_bp: fc.integer({ min: 0, max: 10_000 }),
    })
  ),
  w(1, fc.record({ kind: fc.constant("redeliver" as const) }))
)
const lifecycleArb = fc.record({
  rate_bp: fc.integer({ min: 0, max: 10_000 }), // a percentage with 2 decimals
  flat: fc.option(
    fc.record({
      currency: currencyArb,
      amount_minor: fc.integer({ min: 0, max: 5_000 }),
      cap_minor: fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: null }),
    }),
    { nil: null }
  ),
  orders: fc.array(orderArb, { minLength: 1, maxLength: 3 }),
  actions: fc.array(actionArb, { maxLength: 16 }),
})
type Lifecycle = typeof lifecycleArb extends fc.Arbitrary<infer T> ? T : never

type Row = {
  id: string
  type: string
  status: string
  amount: string
  currency_code: string
  order_id: string | null
  order_line_id: string | null
  reverses_id: string | null
  settlement_id: string | null
  approved_at: Date | null
}

moduleIntegrationTestRunner<CommissionModuleService>({
  moduleName: COMMISSION_MODULE,
  moduleModels: [CommissionRule, CommissionEntry, Settlement],
  resolve,
  pathToMigrations: path.join(resolve, "migrations"),
  testSuite: ({ service, MikroOrmWrapper }) => {
    const sql = (text: string, bindings: unknown[] = []) =>
      MikroOrmWrapper.forkManager().execute(text, bindings)

    it(`holds the ledger's invariants over ${RUNS} random lifecycles`, async () => {
      let run = 0
      let settlements = 0
      const seen = new Map<string, string>() // entry id → amount, across runs
      const stats = {
        accruals: 0,
        reversals: 0,
        voids: 0,
        paid: 0,
        adjustments: 0,
        clawbacks: 0,
        canceled_after_approval: 0,
      }

      const rowsOf = async (buyer: string): Promise<Row[]> =>
        (
          await service.listCommissionEntries(
            { buyer_id: buyer },
            { take: null }
          )
        ).map((r) => ({
          id: r.id,
          type: r.type,
          status: r.status,
          amount: (r.raw_amount as unknown as { value: string }).value,
          currency_code: r.currency_code,
          order_id: r.order_id ?? null,
          order_line_id: r.order_line_id ?? null,
          reverses_id: r.reverses_id ?? null,
          settlement_id: r.settlement_id ?? null,
          approved_at: r.approved_at ?? null,
        }))

      await fc.assert(
        fc.asyncProperty(lifecycleArb, async (lc: Lifecycle) => {
          run++
          const buyer = `buyer_p${run}`
          let now = new Date(Date.UTC(2026, 0, 1) + run * 1000)
          let rateBp = lc.rate_bp
          const pctRule = await service.createCommissionRules({
            scope: "buyer",
            type: "percentage",
            rate: fromMinor(BigInt(rateBp), 2),
            buyer_id: buyer,
          } as never)
          if (lc.flat) {
            const p = PRECISION[lc.flat.currency]
            await service.createCommissionRules({
              scope: "buyer_product",
              type: "flat",
              amount: fromMinor(BigInt(lc.flat.amount_minor), p),
              currency_code: lc.flat.currency,
              buyer_id: buyer,
              product_id: "p1",
              ...(lc.flat.cap_minor != null
                ? {
                    cap_amount: fromMinor(BigInt(lc.flat.cap_minor), p),
                    cap_currency_code: lc.flat.currency,
                  }
                : {}),
            } as never)
          }

          // The model: per order, what happened; per line, what it should earn.
          type OrderState = {
            id: string
            currency: string
            lines: {
              id: string
              qty: number
              fulfilled: number
              returned: number
              expected: bigint
            }[]
            canceled: boolean
            refund_pct: number
          }
          const orders: OrderState[] = []
          const facts = (o: OrderState) =>
            orderFacts(
              o.id,
              o.lines.map((l) => ({
                id: l.id,
                quantity: l.qty,
                fulfilled: l.fulfilled,
                returned: l.returned,
              })),
              {
                canceled: o.canceled,
                refund_share: {
                  numerator: String(o.refund_pct),
                  denominator: "100",
                },
              }
            )
          const accrualInputs = (
            o: OrderState,
            spec: Lifecycle["orders"][number]
          ) =>
            spec.lines.map((l, i) =>
              accrualLine({
                order_id: o.id,
                order_line_id: o.lines[i].id,
                buyer_id: buyer,
                tier: null,
                product_id: l.product,
                currency_code: o.currency,
                quantity: l.qty,
                base_amount: fromMinor(
                  BigInt(l.base_minor),
                  PRECISION[o.currency]
                ),
                at: now,
              })
            )
          const placed: { o: OrderState; spec: Lifecycle["orders"][number] }[] =
            []

          const place = async (
            spec: Lifecycle["orders"][number],
            k: number
          ) => {
            const o: OrderState = {
              id: `order_p${run}_${k}`,
              currency: spec.currency,
              canceled: false,
              refund_pct: 0,
              lines: spec.lines.map((l, i) => {
                const flat =
                  lc.flat &&
                  l.product === "p1" &&
                  lc.flat.currency === spec.currency
                    ? lc.flat
                    : null
                let expected: bigint
                if (flat) {
                  expected = BigInt(flat.amount_minor) * BigInt(l.qty)
                  if (
                    flat.cap_minor != null &&
                    expected > BigInt(flat.cap_minor)
                  ) {
                    expected = BigInt(flat.cap_minor)
                  }
                } else {
                  expected = divHalfUp(
                    BigInt(l.base_minor) * BigInt(rateBp),
                    10_000n
                  )
                }
                return {
                  id: `line_p${run}_${k}_${i}`,
                  qty: l.qty,
                  fulfilled: 0,
                  returned: 0,
                  expected,
                }
              }),
            }
            orders.push(o)
            placed.push({ o, spec })
            await service.accrueLines(accrualInputs(o, spec))
          }
          const pick = (i: number) =>
            orders.length ? orders[i % orders.length] : null

          const steps = Math.max(lc.orders.length, lc.actions.length)
          for (let i = 0; i < steps; i++) {
            if (i < lc.orders.length) {
              await place(lc.orders[i], i)
            }
            const a = lc.actions[i]
            if (!a) {
              continue
            }
            switch (a.kind) {
              case "fulfill": {
                const o = pick(a.order)
                if (o && !o.canceled) {
                  const l = o.lines[a.line % o.lines.length]
                  l.fulfilled = l.qty
                  await service.syncOrderLedger(facts(o), now)
                }
                break
              }
              case "approve":
                now = new Date(now.getTime() + a.days * DAY)
                await service.approveDueEntries(now, 100_000)
                break
              case "return": {
                const o = pick(a.order)
                const l = o?.lines[a.line % o.lines.length]
                if (o && l && !o.canceled && l.fulfilled) {
                  l.returned = Math.min(l.qty, l.returned + a.units)
                  await service.syncOrderLedger(facts(o), now)
                }
                break
              }
              case "refund": {
                const o = pick(a.order)
                if (o && !o.canceled) {
                  o.refund_pct = Math.min(100, o.refund_pct + a.pct)
                  await service.syncOrderLedger(facts(o), now)
                }
                break
              }
              case "cancel": {
                const o = pick(a.order)
                if (o) {
                  o.canceled = true
                  await service.syncOrderLedger(facts(o), now)
                }
                break
              }
              case "pay": {
                // A settlement per currency: every approved, unsettled entry
                // when their sum is positive (negatives are carried in).
                for (const c of CURRENCIES) {
                  const payable = (await rowsOf(buyer)).filter(
                    (r) =>
                      r.currency_code === c &&
                      r.status === "approved" &&
                      !r.settlement_id
                  )
                  const sum = payable.reduce(
                    (s, r) => s + toMinor(r.amount, PRECISION[c]),
                    0n
                  )
                  // Through the settlement's own path: claim, send, paid.
                  const claim = await service.claimSettlement({
                    buyer_id: buyer,
                    currency_code: c,
                    account_id: null,
                    threshold: "0",
                    run_id: null,
                  })
                  expect(!!claim.settlement).toBe(
                    payable.length > 0 && sum > 0n
                  )
                  if (claim.settlement) {
                    expect(claim.settlement.entry_count).toBe(payable.length)
                    await service.beginSettlementAttempt(claim.settlement.id)
                    await service.completeSettlement({
                      id: claim.settlement.id,
                      reference: `tr_p${++settlements}`,
                    })
                  }
                }
                break
              }
              case "hold": {
                const o = pick(a.order)
                if (o) {
                  await service.setOrderHold(
                    { order_id: o.id, hold: a.hold },
                    now
                  )
                }
                break
              }
              case "adjust":
                await service.createAdjustment(
                  {
                    buyer_id: buyer,
                    currency_code: a.currency,
                    amount: fromMinor(BigInt(a.minor), PRECISION[a.currency]),
                    reason: "property test",
                    actor_id: "user_prop",
                  },
                  now
                )
                break
              case "rate":
                // Later accruals use the new rate; earlier ones keep their snapshot.
                rateBp = a.rate_bp
                await service.updateCommissionRules({
                  id: pctRule.id,
                  rate: fromMinor(BigInt(rateBp), 2),
                } as never)
                break
              case "redeliver":
                for (const { o, spec } of placed) {
                  expect(
                    (await service.accrueLines(accrualInputs(o, spec))).created
                  ).toEqual([])
                  const again = await service.syncOrderLedger(facts(o), now)
                  expect(again.created).toEqual([])
                  expect(again.status_changes).toEqual([])
                }
                break
            }
          }

          // ---- check the ledger against the model ----
          const rows = await rowsOf(buyer)
          for (const r of rows) {
            const before = seen.get(r.id)
            if (before !== undefined) {
              expect([r.id, r.amount]).toEqual([r.id, before])
            }
            seen.set(r.id, r.amount)
          }
          const byId = new Map(rows.map((r) => [r.id, r]))
          for (const o of orders) {
            const p = PRECISION[o.currency]
            for (const l of o.lines) {
              const accruals = rows.filter(
                (r) => r.type === "accrual" && r.order_line_id === l.id
              )
              expect(accruals).toHaveLength(1)
              const acc = accruals[0]
              const accMinor = toMinor(acc.amount, p)
              expect([l.id, accMinor]).toEqual([l.id, l.expected])
              const revs = rows.filter((r) => r.reverses_id === acc.id)
              for (const r of revs) {
                expect(toMinor(r.amount, p) < 0n).toBe(true)
              }
              const live = revs.filter((r) => r.status !== "void")
              const reversed = -live.reduce(
                (s, r) => s + toMinor(r.amount, p),
                0n
              )
              expect(reversed <= accMinor).toBe(true)
              if (acc.status === "void") {
                stats.voids++
                expect(o.canceled).toBe(true)
                expect(acc.approved_at).toBeNull()
                expect(live).toEqual([])
                continue
              }
              const target = o.canceled
                ? accMinor
                : // share = returned/qty + (1 − returned/qty) × refund%
                  divHalfUp(
                    accMinor *
                      (BigInt(l.returned) * 100n +
                        BigInt(l.qty - l.returned) * BigInt(o.refund_pct)),
                    BigInt(l.qty) * 100n
                  )
              expect([l.id, reversed]).toEqual([l.id, target])
            }
          }
          for (const r of rows) {
            if (r.status === "paid") {
              expect(r.settlement_id).toBeTruthy()
            }
            if (r.reverses_id) {
              expect(byId.get(r.reverses_id)?.type).toBe("accrual")
            }
          }

          // accruals + reversals + adjustments = paid + payable + pending + on hold, exactly
          const balances = await service.listBalances({ buyer_id: buyer })
          for (const c of CURRENCIES) {
            const p = PRECISION[c]
            const mine = rows.filter(
              (r) => r.currency_code === c && r.status !== "void"
            )
            const sum = (f: (r: Row) => boolean) =>
              mine.filter(f).reduce((s, r) => s + toMinor(r.amount, p), 0n)
            const byType =
              sum((r) => r.type === "accrual") +
              sum((r) => r.type === "reversal") +
              sum((r) => r.type === "adjustment")
            const payable = sum(
              (r) => r.status === "approved" && !r.settlement_id
            )
            const byStatus =
              sum((r) => r.status === "paid") +
              payable +
              sum((r) => r.status === "pending") +
              sum((r) => r.status === "on_hold")
            expect([c, byType]).toEqual([c, byStatus])
            const b = balances.find((x) => x.currency_code === c)
            if (!mine.length) {
              continue
            }
            expect(b).toBeDefined()
            const sqlTypes =
              toMinor(b!.accrued, p) +
              toMinor(b!.reversed, p) +
              toMinor(b!.adjusted, p)
            const sqlStatus =
              toMinor(b!.paid, p) +
              toMinor(b!.payable, p) +
              toMinor(b!.pending, p) +
              toMinor(b!.on_hold, p)
            expect([c, sqlTypes, sqlStatus, toMinor(b!.payable, p)]).toEqual([
              c,
              byType,
              byType,
              payable,
            ])
          }
          stats.accruals += rows.filter((r) => r.type === "accrual").length
          stats.reversals += rows.filter(
            (r) => r.type === "reversal" && r.status !== "void"
          ).length
          stats.paid += rows.filter((r) => r.status === "paid").length
          for (const r of rows) {
            const acc = r.reverses_id ? byId.get(r.reverses_id) : undefined
            // A clawback: reversed after its accrual was paid, so settled apart from it.
            if (
              r.type === "reversal" &&
              acc?.status === "paid" &&
              r.settlement_id !== acc.settlement_id
            ) {
              stats.clawbacks++
            }
            if (
              acc &&
              acc.approved_at &&
              orders.find((o) => o.id === acc.order_id)?.canceled
            ) {
              stats.canceled_after_approval++
            }
          }
          stats.adjustments += rows.filter(
            (r) => r.type === "adjustment"
          ).length
        }),
        { numRuns: RUNS }
      )

      // Every entry seen in any lifecycle is still there, with its amount.
      const all = await service.listCommissionEntries(
        {},
        { take: null, select: ["id", "raw_amount"] }
      )
      expect(all.length).toBe(seen.size)
      for (const e of all) {
        expect((e.raw_amount as unknown as { value: string }).value).toBe(
          seen.get(e.id)
        )
      }
      // The generator reached every kind of outcome.
      expect(stats.accruals).toBeGreaterThan(RUNS)
      for (const k of [
        "reversals",
        "voids",
        "paid",
        "adjustments",
        "clawbacks",
        "canceled_after_approval",
      ] as const) {
        expect([k, stats[k] > 0]).toEqual([k, true])
      }
      // The report rollups, kept by triggers through every write above
      // (and every rollback of a failed property run), equal the ledger
      // summed from scratch; a rebuild finds nothing to change.
      expect(await ledgerRollupMismatches(sql)).toEqual({ fine: 0, daily: 0 })
      const rollupRows = await sql(
        `SELECT bucket, buyer_id, note_id, product_id, currency_code,
           ${ROLLUP_SUMS} FROM ledger_rollup WHERE entries <> 0
         ORDER BY 1, 2, 3, 4, 5`
      )
      expect(rollupRows.length).toBeGreaterThan(RUNS)
      await service.rebuildLedgerRollups()
      expect(await ledgerRollupMismatches(sql)).toEqual({ fine: 0, daily: 0 })
      expect(
        await sql(
          `SELECT bucket, buyer_id, note_id, product_id, currency_code,
             ${ROLLUP_SUMS} FROM ledger_rollup ORDER BY 1, 2, 3, 4, 5`
        )
      ).toEqual(rollupRows)
      console.log(`ledger property: ${run} lifecycles`, stats)
    })
  },
})
