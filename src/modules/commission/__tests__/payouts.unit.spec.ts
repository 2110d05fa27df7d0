import Stripe from "stripe"
import {
  fromMinorUnits,
  isDefinitiveDecline,
  toMinorUnits,
} from "../providers/stripe"
import { settlementIdempotencyKey } from "../settlement/sql"
import { parseCommissionOptions, thresholdFor } from "../utils/options"
import { lastScheduledTime } from "../utils/schedule"
import { csvLine } from "../../../api/utils/csv"
import { mapPool } from "../../../utils/map-pool"

const stripeError = (
  Class: new (raw: never) => Error,
  raw: Record<string, unknown>
) => new Class(raw as never)

describe("Stripe amounts", () => {
  it("converts to minor units by the currency's digits", () => {
    expect(toMinorUnits("12.34", "eur")).toBe(1234)
    expect(toMinorUnits("0.01", "usd")).toBe(1)
    expect(toMinorUnits("500", "jpy")).toBe(500)
    expect(toMinorUnits("1.234", "kwd")).toBe(1234)
    // Stripe's exponents, not ISO's: HUF, ISK, COP, IDR are ×100 at Stripe.
    expect(toMinorUnits("50000", "huf")).toBe(5000000)
    expect(toMinorUnits("1200", "isk")).toBe(120000)
    expect(toMinorUnits("15000", "idr")).toBe(1500000)
    expect(toMinorUnits("3000", "krw")).toBe(3000)
    expect(fromMinorUnits(5000000, "HUF")).toBe("50000")
    expect(toMinorUnits("123456789.99", "eur")).toBe(12345678999)
    expect(() => toMinorUnits("1.005", "eur")).toThrow("more decimals")
    expect(() => toMinorUnits("1.5", "jpy")).toThrow("more decimals")
    expect(fromMinorUnits(1234, "eur")).toBe("12.34")
    expect(fromMinorUnits(500, "jpy")).toBe("500")
    expect(fromMinorUnits(1000, "usd")).toBe("10")
  })
})

describe("what counts as a definitive decline", () => {
  it("only a 4xx from an executed request; never a timeout, 5xx, 409, 429 or idempotency error", () => {
    const E = Stripe.errors
    expect(
      isDefinitiveDecline(
        stripeError(E.StripeInvalidRequestError, {
          statusCode: 400,
          code: "insufficient_capabilities_for_transfer",
        })
      )
    ).toBe(true)
    expect(
      isDefinitiveDecline(
        stripeError(E.StripePermissionError, { statusCode: 403 })
      )
    ).toBe(true)
    expect(
      isDefinitiveDecline(
        stripeError(E.StripeConnectionError, { message: "timeout" })
      )
    ).toBe(false)
    expect(
      isDefinitiveDecline(stripeError(E.StripeAPIError, { statusCode: 500 }))
    ).toBe(false)
    expect(
      isDefinitiveDecline(
        stripeError(E.StripeIdempotencyError, { statusCode: 409 })
      )
    ).toBe(false)
    expect(
      isDefinitiveDecline(
        stripeError(E.StripeIdempotencyError, { statusCode: 400 })
      )
    ).toBe(false)
    expect(
      isDefinitiveDecline(
        stripeError(E.StripeRateLimitError, { statusCode: 429 })
      )
    ).toBe(false)
    expect(isDefinitiveDecline(new Error("socket hang up"))).toBe(false)
  })
})

describe("settlement idempotency keys", () => {
  it("stay the same within a generation and change after a decline", () => {
    expect(settlementIdempotencyKey({ id: "stl_1", generation: 0 })).toBe(
      "settlement:stl_1"
    )
    expect(settlementIdempotencyKey({ id: "stl_1", generation: 2 })).toBe(
      "settlement:stl_1:2"
    )
  })
})

describe("commission options", () => {
  it("defaults to manual payouts, a daily schedule and no thresholds", () => {
    const o = parseCommissionOptions({})
    expect(o.payout_provider).toBe("manual")
    expect(o.settlement_schedule).toBe("0 3 * * *")
    expect(o.settlement_concurrency).toBe(8)
    expect(thresholdFor(o, "eur")).toBe("0")
  })

  it("names the missing or bad key", () => {
    expect(() => parseCommissionOptions({ payout_provider: "stripe" })).toThrow(
      "Invalid option 'stripe.api_key'"
    )
    expect(() =>
      parseCommissionOptions({
        payout_provider: "stripe",
        stripe: { api_key: "sk_test_1", webhook_secret: "" },
      })
    ).toThrow("stripe.webhook_secret")
    expect(() =>
      parseCommissionOptions({ settlement_schedule: "every day" })
    ).toThrow("settlement_schedule")
    expect(() =>
      parseCommissionOptions({ settlement_thresholds: { eur: "-5" } })
    ).toThrow("settlement_thresholds.eur")
    expect(() =>
      parseCommissionOptions({ settlement_thresholds: { euro: "5" } })
    ).toThrow("settlement_thresholds")
    expect(() =>
      parseCommissionOptions({
        payout_provider: "stripe",
        stripe: { api_key: "k", webhook_secret: "w", protocol: "ftp" },
      })
    ).toThrow("stripe.protocol")
  })

  it("reads thresholds per currency, case-insensitively", () => {
    const o = parseCommissionOptions({
      settlement_thresholds: { EUR: "50", jpy: 1000 },
      settlement_schedule: false,
    })
    expect(thresholdFor(o, "eur")).toBe("50")
    expect(thresholdFor(o, "JPY")).toBe("1000")
    expect(thresholdFor(o, "usd")).toBe("0")
    expect(o.settlement_schedule).toBe(false)
  })
})

describe("the settlement schedule", () => {
  it("finds the last firing at or before now, in UTC", () => {
    const now = new Date("2026-11-29T03:00:30Z")
    expect(lastScheduledTime("0 3 * * *", now)?.toISOString()).toBe(
      "2026-11-29T03:00:00.000Z"
    )
    expect(
      lastScheduledTime(
        "0 3 * * *",
        new Date("2026-11-29T02:59:59Z")
      )?.toISOString()
    ).toBe("2026-11-28T03:00:00.000Z")
    expect(
      lastScheduledTime(
        "0 3 * * *",
        new Date("2026-11-29T03:00:00Z")
      )?.toISOString()
    ).toBe("2026-11-29T03:00:00.000Z")
    expect(lastScheduledTime(false, now)).toBeNull()
  })
})

describe("CSV lines", () => {
  it("quotes what needs it and defuses formulas, but keeps negative numbers", () => {
    expect(csvLine(["a", 1, null, undefined, "-12.50"])).toBe(
      "a,1,,,-12.50\r\n"
    )
    expect(csvLine(['say "hi", ok'])).toBe('"say ""hi"", ok"\r\n')
    expect(csvLine(["=SUM(A1)", "+1", "@x", "-x", "line\nbreak"])).toBe(
      `'=SUM(A1),'+1,'@x,'-x,"line\nbreak"\r\n`
    )
    expect(csvLine(["-2+3+cmd|' /C calc'!A0", "-0.5", "-7"])).toBe(
      `'-2+3+cmd|' /C calc'!A0,-0.5,-7\r\n`
    )
    expect(csvLine([new Date("2026-01-02T03:04:05Z")])).toBe(
      "2026-01-02T03:04:05.000Z\r\n"
    )
  })
})

describe("mapPool", () => {
  it("keeps order and never runs more than the limit at once", async () => {
    let running = 0
    let peak = 0
    const out = await mapPool([5, 1, 4, 2, 3], 2, async (x) => {
      running++
      peak = Math.max(peak, running)
      await new Promise((r) => setTimeout(r, x * 3))
      running--
      return x * 10
    })
    expect(out).toEqual([50, 10, 40, 20, 30])
    expect(peak).toBe(2)
  })

  it("rejects with the first error after the calls in flight settle", async () => {
    const started: number[] = []
    await expect(
      mapPool([1, 2, 3, 4], 2, async (x) => {
        started.push(x)
        if (x === 2) throw new Error("boom")
        await new Promise((r) => setTimeout(r, 5))
        return x
      })
    ).rejects.toThrow("boom")
    expect(started).not.toContain(4)
  })
})
