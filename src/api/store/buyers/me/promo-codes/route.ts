import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import type { BuyerPromoCodesResponse } from "../../../../../types/promo-codes"
import { fetchMyBuyer } from "../../../../utils/buyers-read"
import { listBuyerPromoCodes } from "../../../../utils/promo-codes-read"

/**
 * `GET /store/buyers/me/promo-codes` → `{ promo_codes }`: the caller's
 * active codes (code, discount, limit, uses, dates), newest first. The
 * public profile never shows them.
 */
export async function GET(
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse<BuyerPromoCodesResponse>
) {
  const buyer = await fetchMyBuyer(req.scope, req.auth_context.actor_id)
  res.json({
    promo_codes: await listBuyerPromoCodes(req.scope, {
      buyer_id: buyer.id,
      status: "active",
    }),
  })
}
