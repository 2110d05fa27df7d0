import { ContainerRegistrationKeys, MathBN } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import {
  OrderLedgerFacts,
  refundShare,
} from "../../../modules/commission/utils/plan-order"
import { bn, OrderItemRow } from "../utils/order-rows"

export const getOrderLedgerFactsStepId = "get-order-ledger-facts"

type Num = Parameters<typeof bn>[0]

/** An order as the ledger reads it: its facts, and its lines for accrual. */
export type OrderLedgerRead = {
  facts: OrderLedgerFacts
  currency_code: string
  created_at: Date | string
  items: OrderItemRow[]
}

/**
 * Reads the order once for the ledger: the facts it follows (canceled or
 * not, each line's fulfilled and returned (received or dismissed)
 * quantities, the share refunded beyond received returns) and the lines
 * with their computed totals, which accrual needs. Accepts an order id, or
 * a payment id (a refund event) whose order is looked up. Read-only; `null`
 * when the order is unknown.
 *
 * @example
 * const read = getOrderLedgerFactsStep({ order_id: "order_123" })
 */
export const getOrderLedgerFactsStep = createStep(
  getOrderLedgerFactsStepId,
  async (
    input: { order_id?: string | null; payment_id?: string | null },
    { container }
  ) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    let orderId = input.order_id ?? null
    if (!orderId && input.payment_id) {
      const {
        data: [payment],
      } = await query.graph({
        entity: "payment",
        fields: ["id", "payment_collection.order.id"],
        filters: { id: input.payment_id },
      })
      orderId =
        (payment as { payment_collection?: { order?: { id: string } | null } })
          ?.payment_collection?.order?.id ?? null
    }
    if (!orderId) {
      return new StepResponse(null as OrderLedgerRead | null)
    }
    const {
      data: [order],
    } = await query.graph({
      entity: "order",
      fields: [
        "id",
        "status",
        "currency_code",
        "created_at",
        // Asking for a total makes the order module compute line totals.
        "total",
        "raw_total",
        "summary",
        "items.*",
        "items.detail.*",
        "items.subtotal",
        "items.discount_subtotal",
        "payment_collections.refunded_amount",
        "payment_collections.raw_refunded_amount",
      ],
      filters: { id: orderId },
    })
    const o = order as
      | {
          id: string
          status: string
          currency_code: string
          created_at: Date | string
          total: Num
          raw_total?: Num
          summary?: {
            original_order_total?: Num
            raw_original_order_total?: Num
            current_order_total?: Num
            raw_current_order_total?: Num
            credit_line_total?: Num
            raw_credit_line_total?: Num
          } | null
          items: OrderItemRow[]
          payment_collections?:
            { refunded_amount?: Num; raw_refunded_amount?: Num }[] | null
        }
      | undefined
    if (!o) {
      return new StepResponse(null as OrderLedgerRead | null)
    }
    const refunded = MathBN.sum(
      0,
      ...(o.payment_collections ?? []).map((pc) =>
        bn(pc.raw_refunded_amount ?? pc.refunded_amount)
      )
    )
    // What received returns took off the order: its total at placement
    // minus its total now (Medusa's order summary), less credit lines.
    const original = bn(
      o.summary?.raw_original_order_total ??
        o.summary?.original_order_total ??
        o.raw_total ??
        o.total
    )
    const current = bn(
      o.summary?.raw_current_order_total ??
        o.summary?.current_order_total ??
        o.raw_total ??
        o.total
    )
    const returnedValue = MathBN.max(
      MathBN.sub(
        original,
        current,
        // A refund made outside a return becomes a credit line, which
        // lowers the current total too: it is not returned goods.
        bn(o.summary?.raw_credit_line_total ?? o.summary?.credit_line_total)
      ),
      0
    )
    const facts: OrderLedgerFacts = {
      order_id: o.id,
      canceled: o.status === "canceled",
      lines: o.items.map((i) => {
        const d = i.detail ?? {}
        return {
          order_line_id: i.id,
          quantity: Number(i.quantity),
          fulfilled_quantity: bn(
            d.raw_fulfilled_quantity ?? d.fulfilled_quantity
          ).toNumber(),
          returned_quantity: MathBN.add(
            bn(d.raw_return_received_quantity ?? d.return_received_quantity),
            bn(d.raw_return_dismissed_quantity ?? d.return_dismissed_quantity)
          ).toNumber(),
        }
      }),
      refund_share: refundShare({
        order_total: original,
        refunded_total: refunded,
        returned_value: returnedValue,
      }),
    }
    return new StepResponse({
      facts,
      currency_code: o.currency_code,
      created_at: o.created_at,
      items: o.items,
    } as OrderLedgerRead | null)
  }
)
