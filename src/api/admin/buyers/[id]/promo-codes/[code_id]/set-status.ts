import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import type { BuyerPromoCodeResponse } from "../../../../../../types/promo-codes"
import { setBuyerPromoCodeStatusWorkflow } from "../../../../../../workflows"
import { fetchBuyerPromoCodeOrThrow } from "../../../../../utils/promo-codes-read"

/**
 * The handler of `POST /admin/buyers/{id}/promo-codes/{code_id}/disable`
 * (`disabled`) and `/enable` (`active`) → `{ promo_code }`.
 */
export const setPromoCodeStatus =
  (status: "active" | "disabled") =>
  async (
    req: AuthenticatedMedusaRequest,
    res: MedusaResponse<BuyerPromoCodeResponse>
  ) => {
    await setBuyerPromoCodeStatusWorkflow(req.scope).run({
      input: { buyer_id: req.params.id, id: req.params.code_id, status },
    })
    res.json({
      promo_code: await fetchBuyerPromoCodeOrThrow(
        req.scope,
        req.params.id,
        req.params.code_id
      ),
    })
  }
