import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { ATTRIBUTION_MODULE } from "../modules/attribution"
import type AttributionModuleService from "../modules/attribution/service"
import { COMMISSION_MODULE } from "../modules/commission"
import type CommissionModuleService from "../modules/commission/service"

/**
 * Folds what was stored since the last run into the report rollups
 * (docs/reports.md, "Storage"): the clicks the click trigger appended to
 * `click_rollup_pending`, the attribution lines the line trigger appended
 * to `order_rollup_pending`, and the ledger deltas the ledger triggers
 * appended to `ledger_rollup_pending`. Every second, so a click or a
 * ledger change shows in its buyer's report within seconds even if nobody
 * reads one; each report read folds first anyway. Runs in worker and
 * shared mode; several processes at once are safe (each fold holds an
 * advisory lock; one with nothing to do returns at once).
 *
 * Then vacuums the pending tables it emptied: a fold deletes every row,
 * and until a vacuum the dead rows stay in the heap, which each fold and
 * each read's "anything pending?" check scans (autovacuum comes at most
 * once a minute: at a busy store's rate, a minute of clicks). SKIP_LOCKED:
 * a vacuum already running is enough.
 */
export default async function foldReportRollupsJob(container: MedusaContainer) {
  const { clicks, lines } = await container
    .resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
    .foldAttributionRollups()
  const deltas = await container
    .resolve<CommissionModuleService>(COMMISSION_MODULE)
    .foldLedgerRollups()
  const emptied = [
    clicks > 0 ? "click_rollup_pending" : null,
    lines > 0 ? "order_rollup_pending" : null,
    deltas > 0 ? "ledger_rollup_pending" : null,
  ].filter(Boolean)
  if (emptied.length) {
    const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
    await pg.raw(`VACUUM (SKIP_LOCKED) ${emptied.join(", ")}`)
  }
}

export const config = {
  name: "notes-fold-report-rollups",
  schedule: { interval: 1000 },
}
