import type { MedusaContainer } from "@medusajs/framework/types"
import { ATTRIBUTION_MODULE } from "../modules/attribution"
import type AttributionModuleService from "../modules/attribution/service"
import { COMMISSION_MODULE } from "../modules/commission"
import type CommissionModuleService from "../modules/commission/service"

/**
 * Folds what was stored since the last run into the report rollups
 * (docs/reports.md, "Storage"): the clicks the click trigger appended to
 * `click_rollup_pending` and the ledger deltas the ledger triggers
 * appended to `ledger_rollup_pending`. Every second, so a click or a
 * ledger change shows in its buyer's report within seconds even if nobody
 * reads one; each report read folds first anyway. Runs in worker and
 * shared mode; several processes at once are safe (each fold holds an
 * advisory lock; one with nothing to do returns at once).
 */
export default async function foldReportRollupsJob(container: MedusaContainer) {
  await container
    .resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
    .foldClickRollups()
  await container
    .resolve<CommissionModuleService>(COMMISSION_MODULE)
    .foldLedgerRollups()
}

export const config = {
  name: "notes-fold-report-rollups",
  schedule: { interval: 1000 },
}
