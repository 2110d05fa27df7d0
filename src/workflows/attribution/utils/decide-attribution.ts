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
 */
export function decideAttribution(input: {
  order: OrderForAttribution
  clicks: CandidateClick[]
  buyers: Record<string, { status: string; customer_id: string }>
  taggedProducts: Record<string, string[]>
  windowDays: number
  basket: "tagged" | "order"
}): AttributionDecision {
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
    .map((i) => ({
      order_line_id: i.id,
      product_id: i.product_id,
      variant_id: i.variant_id,
      quantity: MathBN.convert(
        (i.raw_quantity?.value ?? i.quantity) as number
      ).toNumber(),
    }))
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
