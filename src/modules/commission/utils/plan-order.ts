import { MathBN } from "@medusajs/framework/utils"
import type { BigNumberInput } from "@medusajs/framework/types"
import type {
  CommissionEntryStatus,
  CommissionEntryType,
} from "../../../types/commission"
import { decimal, roundMoney } from "./money"

export type EntryStatus = CommissionEntryStatus
export type EntryType = CommissionEntryType

/** The fields of a ledger entry the planner reads. */
export type LedgerEntryView = {
  id: string
  type: EntryType
  status: EntryStatus
  amount: string
  quantity: number | null
  buyer_id: string
  currency_code: string
  order_id: string | null
  order_line_id: string | null
  attribution_line_id: string | null
  note_id: string | null
  product_id: string | null
  variant_id: string | null
  reverses_id: string | null
  available_at: Date | null
  approved_at: Date | null
  settlement_id: string | null
}

export type NewLedgerEntry = Omit<
  LedgerEntryView,
  "id" | "approved_at" | "settlement_id"
> & {
  source_key: string
  reason: string | null
  approved_at: Date | null
}

/** What the order says now, read from Medusa's order and payment modules. */
export type OrderLedgerFacts = {
  order_id: string
  canceled: boolean
  lines: {
    order_line_id: string
    quantity: number
    fulfilled_quantity: number
    returned_quantity: number
  }[]
  /**
   * Share (numerator / denominator, 0..1) of the value still kept by the
   * shopper that was refunded beyond what received returns paid back: a
   * goodwill refund of 10 on an order of 100 is 10/100.
   */
  refund_share: { numerator: string; denominator: string }
}

export type OrderLedgerPlan = {
  create: NewLedgerEntry[]
  void: string[]
  make_available: { id: string; available_at: Date }[]
}

/**
 * The share of an order refunded beyond its received returns, as a fraction
 * of the value the shopper kept (0 when nothing else was refunded). Pure.
 */
export function refundShare(input: {
  order_total: BigNumberInput
  refunded_total: BigNumberInput
  returned_value: BigNumberInput
}): { numerator: string; denominator: string } {
  const kept = MathBN.sub(input.order_total, input.returned_value)
  const beyond = MathBN.sub(input.refunded_total, input.returned_value)
  if (MathBN.lte(kept, 0) || MathBN.lte(beyond, 0)) {
    return { numerator: "0", denominator: "1" }
  }
  return {
    numerator: decimal(MathBN.min(beyond, kept)),
    denominator: decimal(kept),
  }
}

/**
 * What an order's ledger needs now, given its entries and the order's
 * current facts: pure, so the same facts always give the same plan and a
 * plan applied twice writes nothing the second time.
 *
 * - An accrual not yet approved (pending, or held before approval) of a
 *   canceled order is voided, with its pending reversals.
 * - Otherwise each accrual's reversals are brought up to the target
 *   `round(amount × reversed share)`, where the reversed share is the
 *   returned units' share plus the refund share of the rest (all of it for
 *   a canceled order). Rounding the cumulative target, not each step, keeps
 *   the reversals of a line from ever exceeding its accrual; a target lower
 *   than what is already reversed writes nothing (a ledger never un-reverses).
 * - A reversal takes its accrual's state: pending with the same
 *   `available_at`, held, or payable now (approved) when the accrual was
 *   approved or paid; a payable reversal of a paid accrual is a clawback.
 * - A pending (or held) accrual whose line is fully fulfilled gets
 *   `available_at` = now + hold, and so do its pending reversals.
 */
export function planOrderLedger(input: {
  entries: LedgerEntryView[]
  facts: OrderLedgerFacts
  now: Date
  hold_days: number
}): OrderLedgerPlan {
  const { entries, facts, now } = input
  const plan: OrderLedgerPlan = { create: [], void: [], make_available: [] }
  const lines = new Map(facts.lines.map((l) => [l.order_line_id, l]))
  const reversalsOf = new Map<string, LedgerEntryView[]>()
  for (const e of entries) {
    if (e.type === "reversal" && e.reverses_id && e.status !== "void") {
      const list = reversalsOf.get(e.reverses_id) ?? []
      list.push(e)
      reversalsOf.set(e.reverses_id, list)
    }
  }
  const availableAt = new Date(
    now.getTime() + input.hold_days * 24 * 3600 * 1000
  )

  for (const accrual of entries) {
    if (accrual.type !== "accrual" || accrual.status === "void") {
      continue
    }
    const reversals = reversalsOf.get(accrual.id) ?? []
    const line = accrual.order_line_id
      ? lines.get(accrual.order_line_id)
      : undefined

    if (
      facts.canceled &&
      !accrual.approved_at &&
      (accrual.status === "pending" || accrual.status === "on_hold")
    ) {
      plan.void.push(accrual.id, ...reversals.map((r) => r.id))
      continue
    }

    const qty = Math.max(accrual.quantity ?? line?.quantity ?? 1, 1)
    const returned = Math.min(line?.returned_quantity ?? 0, qty)
    const { numerator: gn, denominator: gd } = facts.refund_share
    // share = returned/qty + (1 − returned/qty) × gn/gd, as one fraction so
    // the only division happens once, right before the single rounding.
    const target = facts.canceled
      ? roundMoney(accrual.amount, accrual.currency_code)
      : roundMoney(
          MathBN.div(
            MathBN.mult(
              accrual.amount,
              MathBN.add(
                MathBN.mult(returned, gd),
                MathBN.mult(qty - returned, gn)
              )
            ),
            MathBN.mult(qty, gd)
          ),
          accrual.currency_code
        )
    const already = MathBN.mult(
      MathBN.sum(...reversals.map((r) => r.amount), 0),
      -1
    )
    if (MathBN.gt(target, already)) {
      const delta = MathBN.sub(target, already)
      const status: EntryStatus =
        accrual.status === "pending"
          ? "pending"
          : accrual.status === "on_hold"
            ? "on_hold"
            : "approved"
      const reason = facts.canceled
        ? "order canceled"
        : [
            returned ? `returned ${returned} of ${qty}` : null,
            MathBN.gt(gn, 0)
              ? `refunded ${decimal(gn)} of ${decimal(gd)}`
              : null,
          ]
            .filter(Boolean)
            .join("; ")
      plan.create.push({
        source_key: `reversal:${accrual.id}:${decimal(target)}`,
        type: "reversal",
        status,
        amount: decimal(MathBN.mult(delta, -1)),
        quantity: null,
        buyer_id: accrual.buyer_id,
        currency_code: accrual.currency_code,
        order_id: accrual.order_id,
        order_line_id: accrual.order_line_id,
        attribution_line_id: accrual.attribution_line_id,
        note_id: accrual.note_id,
        product_id: accrual.product_id,
        variant_id: accrual.variant_id,
        reverses_id: accrual.id,
        reason,
        available_at:
          status === "approved" ? now : (accrual.available_at ?? null),
        approved_at: status === "approved" ? now : null,
      })
    }

    // A hold by the merchant does not stop the clock; it only keeps the
    // entry from being approved until released.
    if (
      !facts.canceled &&
      (accrual.status === "pending" || accrual.status === "on_hold") &&
      !accrual.available_at &&
      line &&
      line.fulfilled_quantity >= line.quantity
    ) {
      plan.make_available.push({ id: accrual.id, available_at: availableAt })
      for (const r of reversals) {
        if (
          (r.status === "pending" || r.status === "on_hold") &&
          !r.available_at
        ) {
          plan.make_available.push({ id: r.id, available_at: availableAt })
        }
      }
      for (const c of plan.create) {
        if (c.reverses_id === accrual.id && c.status !== "approved") {
          c.available_at = availableAt
        }
      }
    }
  }
  return plan
}
