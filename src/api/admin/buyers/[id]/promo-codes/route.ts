import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import type {
  BuyerPromoCodeResponse,
  BuyerPromoCodesResponse,
} from "../../../../../types/promo-codes"
import { createBuyerPromoCodeWorkflow } from "../../../../../workflows"
import { fetchBuyerOrThrow } from "../../../../utils/buyers-read"
import { withKnownErrors } from "../../../../utils/known-errors"
import {
  fetchBuyerPromoCodeOrThrow,
  listBuyerPromoCodes,
} from "../../../../utils/promo-codes-read"
import type { AdminCreateBuyerPromoCodeType } from "./validators"

/** `GET /admin/buyers/{id}/promo-codes` → `{ promo_codes }`, newest first. */
export async function GET(
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse<BuyerPromoCodesResponse>
) {
  await fetchBuyerOrThrow(req.scope, { id: req.params.id }, "not found")
  res.json({
    promo_codes: await listBuyerPromoCodes(req.scope, {
      buyer_id: req.params.id,
    }),
  })
}

/**
 * `POST /admin/buyers/{id}/promo-codes` `{ code, type, value,
 * currency_code?, usage_limit?, starts_at?, ends_at? }` → `{ promo_code }`
 * (201). 409 naming `code` when a promotion already has it (in any case).
 */
export async function POST(
  req: AuthenticatedMedusaRequest<AdminCreateBuyerPromoCodeType>,
  res: MedusaResponse<BuyerPromoCodeResponse>
) {
  await withKnownErrors(res, async () => {
    const { result } = await createBuyerPromoCodeWorkflow(req.scope)
      .run({ input: { buyer_id: req.params.id, ...req.validatedBody } })
      .catch((e: { type?: string }) => {
        // Two admins giving one code at once: Medusa's unique index refuses
        // the second promotion.
        if (e?.type === MedusaError.Types.DUPLICATE_ERROR) {
          throw new MedusaError(
            MedusaError.Types.CONFLICT,
            `code: ${req.validatedBody.code} is already a promotion code`
          )
        }
        throw e
      })
    res.status(201).json({
      promo_code: await fetchBuyerPromoCodeOrThrow(
        req.scope,
        req.params.id,
        result.id
      ),
    })
  })
}
