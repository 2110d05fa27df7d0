import { computeAccrualAmount } from "../utils/compute-commission"
import { currencyPrecision, fitsCurrency, roundMoney } from "../utils/money"
import {
  LedgerEntryView,
  OrderLedgerFacts,
  planOrderLedger,
  refundShare,
} from "../utils/plan-order"

const pct = (rate: string, cap?: string) => ({
  id: "r",
  scope: "default",
  type: "percentage" as const,
  rate,
  amount: null,
  cap_amount: cap ?? null,
  cap_currency_code: cap ? "eur" : null,
})

describe("money", () => {
  it("knows each currency's minor unit", () => {
    expect(["eur", "jpy", "kwd", "KRW"].map(currencyPrecision)).toEqual([
      2, 0, 3, 0,
    ])
  })

  it("rounds half-up (ties away from zero) at the minor unit", () => {
    expect(roundMoney("2.345", "eur")).toBe("2.35")
    expect(roundMoney("2.3449999", "eur")).toBe("2.34")
    expect(roundMoney("-2.345", "eur")).toBe("-2.35")
    expect(roundMoney("12.5", "jpy")).toBe("13")
    expect(roundMoney("1.0005", "kwd")).toBe("1.001")
  })

  it("tells whether an amount fits the currency", () => {
    expect(fitsCurrency("1.23", "eur")).toBe(true)
    expect(fitsCurrency("1.234", "eur")).toBe(false)
    expect(fitsCurrency("1.5", "jpy")).toBe(false)
  })
})

describe("computeAccrualAmount", () => {
  it("takes the rate of the base and rounds once", () => {
    expect(
      computeAccrualAmount({
        rule: pct("12.5"),
        base_amount: "75",
        quantity: 3,
        currency_code: "eur",
      })
    ).toEqual({ amount: "9.38", capped: false })
    // 33.333… % of 0.01 is 0.00333…: rounds to 0, not to a float's residue
    expect(
      computeAccrualAmount({
        rule: pct("33.3333333333"),
        base_amount: "0.01",
        quantity: 1,
        currency_code: "eur",
      }).amount
    ).toBe("0")
  })

  it("pays a flat amount per unit, capped in the cap's currency only", () => {
    const flat = {
      id: "f",
      scope: "product",
      type: "flat" as const,
      rate: null,
      amount: "1.75",
      cap_amount: "5",
      cap_currency_code: "eur",
    }
    expect(
      computeAccrualAmount({
        rule: flat,
        base_amount: "0",
        quantity: 2,
        currency_code: "eur",
      })
    ).toEqual({ amount: "3.5", capped: false })
    expect(
      computeAccrualAmount({
        rule: flat,
        base_amount: "0",
        quantity: 4,
        currency_code: "eur",
      })
    ).toEqual({ amount: "5", capped: true })
    expect(
      computeAccrualAmount({
        rule: flat,
        base_amount: "0",
        quantity: 4,
        currency_code: "usd",
      })
    ).toEqual({ amount: "7", capped: false })
  })

  it("earns nothing on a negative base", () => {
    expect(
      computeAccrualAmount({
        rule: pct("10"),
        base_amount: "-5",
        quantity: 1,
        currency_code: "eur",
      }).amount
    ).toBe("0")
  })
})

describe("refundShare", () => {
  it("is the refund beyond returns, over what the shopper kept", () => {
    expect(
      refundShare({ order_total: 55, refunded_total: 11, returned_value: 0 })
    ).toEqual({
      numerator: "11",
      denominator: "55",
    })
    // A refund that pays back a return is explained by it.
    expect(
      refundShare({ order_total: 65, refunded_total: 20, returned_value: 20 })
    ).toEqual({
      numerator: "0",
      denominator: "1",
    })
    // Never more than everything kept.
    expect(
      refundShare({ order_total: 50, refunded_total: 80, returned_value: 10 })
    ).toEqual({
      numerator: "40",
      denominator: "40",
    })
  })
})

describe("planOrderLedger", () => {
  const now = new Date("2026-03-01T00:00:00Z")
  const accrual = (over: Partial<LedgerEntryView> = {}): LedgerEntryView => ({
    id: "acc",
    type: "accrual",
    status: "pending",
    amount: "10",
    quantity: 3,
    buyer_id: "b",
    currency_code: "eur",
    order_id: "o",
    order_line_id: "l",
    attribution_line_id: null,
    note_id: null,
    product_id: null,
    variant_id: null,
    reverses_id: null,
    available_at: null,
    approved_at: null,
    settlement_id: null,
    ...over,
  })
  const facts = (
    over: Partial<OrderLedgerFacts["lines"][number]> = {},
    canceled = false
  ) => ({
    order_id: "o",
    canceled,
    lines: [
      {
        order_line_id: "l",
        quantity: 3,
        fulfilled_quantity: 0,
        returned_quantity: 0,
        ...over,
      },
    ],
    refund_share: { numerator: "0", denominator: "1" },
  })

  it("voids what was not approved when the order is canceled", () => {
    const pendingReversal = accrual({
      id: "rev",
      type: "reversal",
      amount: "-3.33",
      reverses_id: "acc",
    })
    expect(
      planOrderLedger({
        entries: [accrual(), pendingReversal],
        facts: facts({}, true),
        now,
        hold_days: 14,
      })
    ).toEqual({ create: [], void: ["acc", "rev"], make_available: [] })
  })

  it("reverses the rest of an approved accrual when canceled, payable at once", () => {
    const plan = planOrderLedger({
      entries: [accrual({ status: "approved", approved_at: now })],
      facts: facts({}, true),
      now,
      hold_days: 14,
    })
    expect(plan.create).toEqual([
      expect.objectContaining({
        amount: "-10",
        status: "approved",
        reverses_id: "acc",
        reason: "order canceled",
        source_key: "reversal:acc:10",
      }),
    ])
  })

  it("brings reversals to the cumulative rounded target, and never back", () => {
    const first = planOrderLedger({
      entries: [accrual()],
      facts: facts({ returned_quantity: 1 }),
      now,
      hold_days: 14,
    }).create[0]
    expect(first.amount).toBe("-3.33")
    const rev = {
      ...accrual(),
      ...first,
      id: "rev1",
      approved_at: null,
      settlement_id: null,
    }
    const second = planOrderLedger({
      entries: [accrual(), rev],
      facts: facts({ returned_quantity: 2 }),
      now,
      hold_days: 14,
    }).create[0]
    expect(second.amount).toBe("-3.34") // 6.67 − 3.33
    // Fewer units returned than already reversed (a corrected return): nothing.
    expect(
      planOrderLedger({
        entries: [accrual(), rev],
        facts: facts(),
        now,
        hold_days: 14,
      }).create
    ).toEqual([])
  })

  it("starts the hold when the line is fully fulfilled, for the accrual and its pending reversals", () => {
    const none = planOrderLedger({
      entries: [accrual()],
      facts: facts({ fulfilled_quantity: 2 }),
      now,
      hold_days: 14,
    })
    expect(none.make_available).toEqual([])
    const plan = planOrderLedger({
      entries: [accrual()],
      facts: facts({ fulfilled_quantity: 3, returned_quantity: 1 }),
      now,
      hold_days: 14,
    })
    const ends = new Date("2026-03-15T00:00:00Z")
    expect(plan.make_available).toEqual([{ id: "acc", available_at: ends }])
    expect(plan.create[0]).toMatchObject({
      status: "pending",
      available_at: ends,
    })
  })
})
