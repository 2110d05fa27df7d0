import { setPromoCodeStatus } from "../set-status"

/** `POST /admin/buyers/{id}/promo-codes/{code_id}/enable`: the code discounts again. */
export const POST = setPromoCodeStatus("active")
