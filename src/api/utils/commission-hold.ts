import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { setOrderCommissionHoldWorkflow } from "../../workflows"
import type { AdminCommissionHoldType } from "../admin/commissions/validators"
import { entryFilters, listCommissionPage } from "./commissions-read"

/**
 * The handler of `POST /admin/commissions/hold` and `/release` `{ order_id }`:
 * runs the hold workflow and answers the order's entries
 * (`{ commissions, count, … }`).
 */
export function commissionHoldHandler(hold: boolean) {
  return async (
    req: AuthenticatedMedusaRequest<AdminCommissionHoldType>,
    res: MedusaResponse
  ) => {
    const { order_id } = req.validatedBody
    await setOrderCommissionHoldWorkflow(req.scope).run({
      input: { order_id, hold },
    })
    res.json(
      await listCommissionPage(req.scope, entryFilters({ order_id }), {
        limit: 200,
        offset: 0,
      })
    )
  }
}
