import { commissionHoldHandler } from "../../../utils/commission-hold"

/** `POST /admin/commissions/hold` `{ order_id }`: holds the order's unsettled pending and approved entries. */
export const POST = commissionHoldHandler(true)
