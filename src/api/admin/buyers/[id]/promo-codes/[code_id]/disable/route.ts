import { setPromoCodeStatus } from "../set-status"

/** `POST /admin/buyers/{id}/promo-codes/{code_id}/disable`: carts refuse the code. */
export const POST = setPromoCodeStatus("disabled")
