import { ContainerRegistrationKeys, MathBN } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { AccrualLineInput } from "../../../modules/commission/types"
import { decimal } from "../../../modules/commission/utils/money"
import { bn, OrderItemRow } from "../utils/order-rows"
import { readRuleFacts } from "../utils/rule-facts"
import type { OrderLedgerRead } from "./get-order-ledger-facts"

export const getOrderAccrualLinesStepId = "get-order-accrual-lines"

/**
 * What accrual needs for an order's attributed lines: the line's base (its
 * amount after discounts, without tax and shipping, for the whole attributed
 * quantity, from the order read by `getOrderLedgerFactsStep`), the product's
 * collection and categories and the buyer's tier. Read-only.
 *
 * @example
 * const lines = getOrderAccrualLinesStep({ order_id: "order_123", order: read })
 */
export const getOrderAccrualLinesStep = createStep(
  getOrderAccrualLinesStepId,
  async (
    input: { order_id: string; order: OrderLedgerRead | null },
    { container }
  ) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data: attributed } = await query.graph({
      entity: "attribution_line",
      fields: [
        "id",
        "order_line_id",
        "buyer_id",
        "note_id",
        "product_id",
        "variant_id",
        "quantity",
      ],
      filters: { order_id: input.order_id },
    })
    const lines = attributed as {
      id: string
      order_line_id: string
      buyer_id: string
      note_id: string
      product_id: string | null
      variant_id: string | null
      quantity: number
    }[]
    const o = input.order
    if (!lines.length || !o) {
      return new StepResponse([] as AccrualLineInput[])
    }
    const { products, tiers } = await readRuleFacts(container, {
      product_ids: lines
        .map((l) => l.product_id)
        .filter((p): p is string => !!p),
      buyer_ids: lines.map((l) => l.buyer_id),
      // Deleted products still earn for orders placed before deletion.
      with_deleted: true,
    })
    const items = new Map(o.items.map((i) => [i.id, i]))
    const out: AccrualLineInput[] = []
    for (const l of lines) {
      const item = items.get(l.order_line_id)
      if (!item) {
        continue
      }
      const product = l.product_id ? products.get(l.product_id) : undefined
      out.push({
        order_id: input.order_id,
        order_line_id: l.order_line_id,
        attribution_line_id: l.id,
        buyer_id: l.buyer_id,
        tier: tiers.get(l.buyer_id) ?? null,
        // Empty on a line credited by a buyer's promo code (no note).
        note_id: l.note_id || null,
        product_id: l.product_id,
        variant_id: l.variant_id,
        collection_id: product?.collection_id ?? null,
        category_ids: product?.category_ids ?? [],
        currency_code: o.currency_code,
        quantity: l.quantity,
        base_amount: lineBase(item, l.quantity),
        at: new Date(o.created_at),
      })
    }
    return new StepResponse(out)
  }
)

/**
 * The line's amount after discounts, without tax (Medusa's `subtotal` is
 * net of tax even for tax-inclusive prices) and without shipping, for the
 * attributed quantity. Medusa's line totals count only the units not
 * returned, so they are scaled back to the whole quantity; a line fully
 * returned before accrual has base 0 (and would be fully reversed anyway).
 */
function lineBase(item: OrderItemRow, quantity: number): string {
  const d = item.detail ?? {}
  const current = MathBN.sub(
    item.quantity,
    MathBN.add(
      bn(d.raw_return_received_quantity ?? d.return_received_quantity),
      bn(d.raw_return_dismissed_quantity ?? d.return_dismissed_quantity)
    )
  )
  if (MathBN.lte(current, 0)) {
    return "0"
  }
  const net = MathBN.sub(
    bn(item.raw_subtotal ?? item.subtotal),
    bn(item.raw_discount_subtotal ?? item.discount_subtotal)
  )
  return decimal(MathBN.div(MathBN.mult(net, quantity), current))
}
