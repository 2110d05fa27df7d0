import { COMMISSION_MODULE } from "../../../modules/commission"
import type CommissionModuleService from "../../../modules/commission/service"
import type { LedgerChanges } from "../../../modules/commission/types"

/** The shared compensation of every ledger-writing step: undo what it wrote. */
export async function revertLedger(
  changes: LedgerChanges | undefined,
  container: { resolve<T>(key: string): T }
) {
  if (
    !changes ||
    (!changes.created.length &&
      !changes.status_changes.length &&
      !changes.available_changes.length)
  ) {
    return
  }
  await container
    .resolve<CommissionModuleService>(COMMISSION_MODULE)
    .revertLedgerChanges(changes)
}
