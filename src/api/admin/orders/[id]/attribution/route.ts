import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import {
  ContainerRegistrationKeys,
  MedusaError,
} from "@medusajs/framework/utils"
import { ATTRIBUTION_MODULE } from "../../../../../modules/attribution"
import type AttributionModuleService from "../../../../../modules/attribution/service"

/**
 * `GET /admin/orders/{id}/attribution` → `{ attribution }`: the decision for
 * the order (which click, note and buyer, and why) with its credited lines.
 * 404 until the order has been decided.
 */
export async function GET(
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) {
  const service =
    req.scope.resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
  const [decision] = await service.listOrderAttributions(
    { order_id: req.params.id },
    { relations: ["lines"], take: 1 }
  )
  if (!decision) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `No attribution was decided for order ${req.params.id}`
    )
  }
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const [click] = decision.click_id
    ? await service.listReferralClicks(
        { id: decision.click_id },
        {
          select: [
            "id",
            "clicked_at",
            "code",
            "note_product_id",
            "product_id",
            "utm_source",
            "utm_medium",
            "utm_campaign",
            "referer",
            "dropped_reason",
          ],
          take: 1,
        }
      )
    : []
  const note = decision.note_id
    ? ((
        await query.graph({
          entity: "note",
          fields: ["id", "title", "status"],
          filters: { id: decision.note_id },
        })
      ).data[0] ?? null)
    : null
  const buyer = decision.buyer_id
    ? ((
        await query.graph({
          entity: "buyer",
          fields: ["id", "handle", "display_name", "status"],
          filters: { id: decision.buyer_id },
        })
      ).data[0] ?? null)
    : null
  res.json({
    attribution: {
      id: decision.id,
      order_id: decision.order_id,
      outcome: decision.outcome,
      reason: decision.reason,
      basket: decision.basket,
      window_days: decision.window_days,
      decided_at: decision.decided_at,
      click: click ?? null,
      note,
      buyer,
      lines: (decision.lines ?? []).map((l) => ({
        id: l.id,
        order_line_id: l.order_line_id,
        product_id: l.product_id,
        variant_id: l.variant_id,
        quantity: l.quantity,
      })),
    },
  })
}
