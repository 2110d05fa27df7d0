import type { ExecArgs } from "@medusajs/framework/types"
import { ATTRIBUTION_MODULE } from "../modules/attribution"
import type AttributionModuleService from "../modules/attribution/service"
import { COMMISSION_MODULE } from "../modules/commission"
import type CommissionModuleService from "../modules/commission/service"
import { NOTES_MODULE } from "../modules/notes"
import type NotesModuleService from "../modules/notes/service"
import type { RollupRebuildProgress } from "../types"

/**
 * Rebuilds every report rollup from the raw tables (after an upgrade that
 * adds rollups to an existing store, or after a fix):
 * `npx medusa exec ./src/scripts/rebuild-report-rollups.ts` in this
 * repository, or in a store
 * `npx medusa exec ./node_modules/medusa-plugin-shoppable-notes/.medusa/server/src/scripts/rebuild-report-rollups.js`.
 * Buyer by buyer in short transactions, so reports keep answering; running
 * it twice changes nothing.
 */
export default async function rebuildReportRollups({ container }: ExecArgs) {
  const logger = container.resolve("logger")
  const progress =
    (what: string) =>
    ({ done, total }: RollupRebuildProgress) => {
      logger.info(`${what}: ${done}/${total} buyers`)
    }
  const started = Date.now()
  const clicks = await container
    .resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
    .rebuildClickRollups({ onProgress: progress("clicks and orders") })
  const ledger = await container
    .resolve<CommissionModuleService>(COMMISSION_MODULE)
    .rebuildLedgerRollups({ onProgress: progress("ledger") })
  // Views: the whole `note_view_rollup` again, in one transaction.
  const views = await container
    .resolve<NotesModuleService>(NOTES_MODULE)
    .rebuildViewRollup()
  logger.info(
    `report rollups rebuilt in ${((Date.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify({ clicks, ledger, views })}`
  )
}
