import type { MedusaContainer } from "@medusajs/framework/types"
import { ATTRIBUTION_MODULE } from "../modules/attribution"
import type AttributionModuleService from "../modules/attribution/service"

/**
 * Folds the clicks stored since the last run into the report's click
 * rollups (docs/reports.md, "Storage"): the click trigger only appends
 * them to `click_rollup_pending`. Every second, so a click shows in its
 * buyer's report within seconds even if nobody reads one; each report read
 * folds first anyway. Runs in worker and shared mode; several processes at
 * once are safe (the fold holds an advisory lock; one with nothing to do
 * returns at once).
 */
export default async function foldClickRollupsJob(container: MedusaContainer) {
  await container
    .resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
    .foldClickRollups()
}

export const config = {
  name: "notes-fold-click-rollups",
  schedule: { interval: 1000 },
}
