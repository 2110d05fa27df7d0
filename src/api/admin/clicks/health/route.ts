import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { ATTRIBUTION_MODULE } from "../../../../modules/attribution"
import type AttributionModuleService from "../../../../modules/attribution/service"
import type { ClickSinkHealth } from "../../../../modules/attribution/service"

/**
 * `GET /admin/clicks/health` → `{ health }`: the click sink's backlog (this
 * process's buffer and the Redis queue), the oldest waiting click's age,
 * the current write failure, clicks refused for a full buffer, and the dead
 * letters (`referral_click_failure`) with their latest reasons. The buffer,
 * incident and refusals are those of the process that answers.
 */
export async function GET(
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse<{ health: ClickSinkHealth }>
) {
  const health = await req.scope
    .resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
    .clickSinkHealth()
  res.json({ health })
}
