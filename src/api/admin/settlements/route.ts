import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { withKnownErrors } from "../../utils/known-errors"
import { COMMISSION_MODULE } from "../../../modules/commission"
import type CommissionModuleService from "../../../modules/commission/service"
import { settleCommissionsWorkflow } from "../../../workflows"
import { sendCsv } from "../../utils/csv"
import { orderBy } from "../../utils/fields"
import {
  listSettlementPage,
  serializeSettlement,
  SETTLEMENT_CSV_HEADER,
  settlementCsvRow,
  settlementFilters,
} from "../../utils/settlements-read"
import type {
  AdminGetSettlementsParamsType,
  AdminRunSettlementsType,
} from "./validators"

/**
 * `GET /admin/settlements` → `{ settlements, count, limit, offset, totals }`,
 * newest first, filtered by buyer, currency, status, provider, run and
 * creation dates; `totals` per currency and status over the whole filtered
 * set. `format=csv` downloads every matching settlement (the manual
 * provider's payment list).
 */
export async function GET(
  req: AuthenticatedMedusaRequest<unknown, AdminGetSettlementsParamsType>,
  res: MedusaResponse
) {
  const p = req.validatedQuery as AdminGetSettlementsParamsType
  const filters = settlementFilters(p)
  if (p.format === "csv") {
    const service =
      req.scope.resolve<CommissionModuleService>(COMMISSION_MODULE)
    const rows: unknown[][] = []
    for (let skip = 0; ; skip += 1000) {
      const page = await service.listSettlements(filters, {
        take: 1000,
        skip,
        order: { created_at: "ASC", id: "ASC" },
      })
      rows.push(
        ...page.map((s) =>
          settlementCsvRow(
            serializeSettlement(s as unknown as Record<string, unknown>)
          )
        )
      )
      if (page.length < 1000) {
        break
      }
    }
    return sendCsv(res, "settlements.csv", SETTLEMENT_CSV_HEADER, rows)
  }
  res.json(
    await listSettlementPage(req.scope, filters, {
      ...p,
      order: orderBy(p.order),
    })
  )
}

/**
 * `POST /admin/settlements` `{ buyer_id?, currency_code? }` → `{ run,
 * settlements, skipped }`: runs the settlement workflow now. 409 while
 * another run holds the lock.
 */
export async function POST(
  req: AuthenticatedMedusaRequest<AdminRunSettlementsType>,
  res: MedusaResponse
) {
  await withKnownErrors(res, async () => {
    const body = req.validatedBody as AdminRunSettlementsType
    const options = req.scope
      .resolve<CommissionModuleService>(COMMISSION_MODULE)
      .getOptions()
    const { result } = await settleCommissionsWorkflow(req.scope).run({
      input: {
        ...body,
        trigger: "admin",
        actor_id: req.auth_context.actor_id,
        lock_ttl_seconds: options.settlement_lock_ttl_seconds,
      },
    })
    res.json(result)
  })
}
