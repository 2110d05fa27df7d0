import { MathBN } from "@medusajs/framework/utils"
import type { BigNumberInput } from "@medusajs/framework/types"

type Num = BigNumberInput | null | undefined

/** An order line as Query returns it (the fields the ledger reads). */
export type OrderItemRow = {
  id: string
  quantity: number
  product_id?: string | null
  variant_id?: string | null
  subtotal?: Num
  raw_subtotal?: Num
  discount_subtotal?: Num
  raw_discount_subtotal?: Num
  detail?: {
    fulfilled_quantity?: Num
    raw_fulfilled_quantity?: Num
    return_received_quantity?: Num
    raw_return_received_quantity?: Num
    return_dismissed_quantity?: Num
    raw_return_dismissed_quantity?: Num
  } | null
}

/** A bigNumber of whatever Query returned (raw value, number, null → 0). */
export function bn(v: Num) {
  return MathBN.convert(v ?? 0)
}
