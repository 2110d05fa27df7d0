import { commissionHoldHandler } from "../../../utils/commission-hold"

/** `POST /admin/commissions/release` `{ order_id }`: releases the order's held entries. */
export const POST = commissionHoldHandler(false)
