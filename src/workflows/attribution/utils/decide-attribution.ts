import { MathBN } from "@medusajs/framework/utils"
import type { AttributionDecision } from "../../../modules/attribution/service"

export type OrderForAttribution = {
  id: string
  customer_id: string | null
  created_at: Date | string
  items: {
    id: string
    product_id: string | null
    variant_id: string | null
    /** A number or Medusa's BigNumber, as order items carry it. */
    quantity: unknown
    /** Medusa's exact form of the quantity (`{ value: "2", precision }`). */
    raw_quantity?: { value: string | number } | null
  }[]
}

/** A buyer's personal promo code the order used (`buyer_promo_code`). */
export type UsedPromoCode = {
  buyer_id: string
  code: string
}

export type CandidateClick = {
  id: string
  buyer_id: string | null
  note_id: string
  clicked_at: Date | string
  dropped_reason: string | null
}

/**
 * The attribution rule, pure: the latest counted click carried by the
 * order's cart or the same customer's earlier carts, inside the window
 * before the order, wins; merchant notes, buyers who are not approved and
 * self-referrals never earn; by default only the lines whose product is
 * tagged in the clicked note are credited. Every outcome says why.
 *
 * An order that used a buyer's personal promo code is credited to that
 * buyer in whole, click or not (`promo_code`). When the code and a click
 * both earn, `precedence` decides: `code` (default) gives
 * `promo_code_over_click`, `click` gives the click's decision with
 * `click_over_promo_code`. A signal that cannot earn (the code's buyer
 * suspended: `promo_code_buyer_not_approved`; the shopper's own code:
 * `self_referral`) never blocks one that can.
 */
export function decideAttribution(input: {
  order: OrderForAttribution
  clicks: CandidateClick[]
  buyers: Record<string, { status: string; customer_id: string }>
  taggedProducts: Record<string, string[]>
  windowDays: number
  basket: "tagged" | "order"
  /** Buyer promo codes the order used (none: the click rule alone). */
  promoCodes?: UsedPromoCode[]
  /** Which wins when a code and a click both earn (`promo_code_precedence`). */
  precedence?: "code" | "click"
}): AttributionDecision {
  const byClick = decideByClick(input)
  const [used] = [...(input.promoCodes ?? [])].sort((a, b) =>
    a.code.localeCompare(b.code)
  )
  if (!used) {
    return byClick
  }
  const byCode = decideByCode(input, used)
  const clickEarns = byClick.outcome === "attributed"
  const codeEarns = byCode.outcome === "attributed"
  if (codeEarns && clickEarns) {
    return input.precedence === "click"
      ? { ...byClick, reason: "click_over_promo_code" }
      : { ...byCode, reason: "promo_code_over_click" }
  }
  // An earning signal is never blocked by one that cannot earn; when
  // neither earns, the code's reason is kept (the shopper typed it).
  return clickEarns ? byClick : byCode
}

/**
 * An order that used a buyer's personal code: every line is credited to the
 * code's buyer (the promotion applies to the whole order), unless the buyer
 * is not approved (suspended: the code still discounts, nothing is earned)
 * or is the shopper (self-referral).
 */
function decideByCode(
  input: Parameters<typeof decideAttribution>[0],
  used: UsedPromoCode
): AttributionDecision {
  const { order, windowDays } = input
  const decided = {
    order_id: order.id,
    click_id: null,
    buyer_id: used.buyer_id,
    note_id: null,
    basket: "order" as const,
    window_days: windowDays,
  }
  const buyer = input.buyers[used.buyer_id]
  if (!buyer || buyer.status !== "approved") {
    return {
      ...decided,
      outcome: "none",
      reason: "promo_code_buyer_not_approved",
      lines: [],
    }
  }
  if (order.customer_id && buyer.customer_id === order.customer_id) {
    return { ...decided, outcome: "none", reason: "self_referral", lines: [] }
  }
  const lines = order.items.map(lineOf)
  if (!lines.length) {
    return { ...decided, outcome: "none", reason: "no_lines", lines: [] }
  }
  return { ...decided, outcome: "attributed", reason: "promo_code", lines }
}

const lineOf = (i: OrderForAttribution["items"][number]) => ({
  order_line_id: i.id,
  product_id: i.product_id,
  variant_id: i.variant_id,
  quantity: MathBN.convert(
    (i.raw_quantity?.value ?? i.quantity) as number
  ).toNumber(),
})

/** The click rule alone (see `decideAttribution`). */
function decideByClick(
  input: Parameters<typeof decideAttribution>[0]
): AttributionDecision {
  const { order, windowDays, basket } = input
  const none = (
    reason: string,
    click?: CandidateClick
  ): AttributionDecision => ({
    order_id: order.id,
    outcome: "none",
    reason,
    click_id: click?.id ?? null,
    buyer_id: click?.buyer_id ?? null,
    note_id: click?.note_id ?? null,
    basket,
    window_days: windowDays,
    lines: [],
  })

  if (!input.clicks.length) {
    return none("no_click")
  }
  const placed = new Date(order.created_at).getTime()
  const from = placed - windowDays * 24 * 3600 * 1000
  const counted = input.clicks.filter((c) => !c.dropped_reason)
  if (!counted.length) {
    return none("click_not_counted")
  }
  const inWindow = counted
    .filter((c) => {
      const t = new Date(c.clicked_at).getTime()
      return t >= from && t <= placed
    })
    .sort(
      (a, b) =>
        new Date(b.clicked_at).getTime() - new Date(a.clicked_at).getTime() ||
        b.id.localeCompare(a.id)
    )
  const winner = inWindow[0]
  if (!winner) {
    return none("click_outside_window")
  }
  if (!winner.buyer_id) {
    return none("merchant_note", winner)
  }
  const buyer = input.buyers[winner.buyer_id]
  if (!buyer || buyer.status !== "approved") {
    return none("buyer_not_approved", winner)
  }
  if (order.customer_id && buyer.customer_id === order.customer_id) {
    return none("self_referral", winner)
  }
  const tagged = new Set(input.taggedProducts[winner.note_id] ?? [])
  const lines = order.items
    .filter(
      (i) => basket === "order" || (i.product_id && tagged.has(i.product_id))
    )
    .map(lineOf)
  if (!lines.length) {
    return none("no_tagged_lines", winner)
  }
  return {
    order_id: order.id,
    outcome: "attributed",
    reason: "last_click",
    click_id: winner.id,
    buyer_id: winner.buyer_id,
    note_id: winner.note_id,
    basket,
    window_days: windowDays,
    lines,
  }
}
