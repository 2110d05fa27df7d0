/** A buyer's personal promo code, as the admin and the buyer read it. */
export type BuyerPromoCodeDTO = {
  id: string
  buyer_id: string
  code: string
  /** `disabled`: the Medusa promotion is inactive, carts refuse the code. */
  status: "active" | "disabled"
  promotion_id: string
  /** `percentage`: `value` percent off the order; `fixed`: `value` off in `currency_code`. */
  discount: {
    type: "percentage" | "fixed"
    value: string
    currency_code: string | null
  }
  /** Orders that may use the code in all; null: unlimited. */
  usage_limit: number | null
  /** Orders placed with the code (the promotion campaign's usage budget). */
  uses: number
  starts_at: string | null
  ends_at: string | null
  created_at: string
}

export type BuyerPromoCodesResponse = { promo_codes: BuyerPromoCodeDTO[] }
export type BuyerPromoCodeResponse = { promo_code: BuyerPromoCodeDTO }
