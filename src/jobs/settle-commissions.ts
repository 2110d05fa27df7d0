import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { COMMISSION_MODULE } from "../modules/commission"
import type CommissionModuleService from "../modules/commission/service"
import { lastScheduledTime } from "../modules/commission/utils/schedule"
import { settleCommissionsWorkflow } from "../workflows"

/**
 * Runs the settlement workflow on the plugin's `settlement_schedule` (cron,
 * UTC; default daily at 03:00). Medusa's job schedule is fixed in code, so
 * this job wakes every minute and starts a run when the configured
 * schedule has fired since the last completed scheduled run began. The
 * workflow's lock keeps two at once from overlapping; a busy lock or a
 * failed run is tried again a minute later.
 */
export default async function settleCommissions(container: MedusaContainer) {
  const options = container
    .resolve<CommissionModuleService>(COMMISSION_MODULE)
    .getOptions()
  await settleIfDue(container, {
    schedule: options.settlement_schedule,
    now: new Date(),
  })
}

/** Starts a scheduled run if `schedule` fired since the last one began. */
export async function settleIfDue(
  container: MedusaContainer,
  input: { schedule: string | false; now: Date }
) {
  const service = container.resolve<CommissionModuleService>(COMMISSION_MODULE)
  const options = service.getOptions()
  const due = lastScheduledTime(input.schedule, input.now)
  if (!due) {
    return
  }
  // A scheduled run that failed (or found the lock taken) is retried.
  const [last] = await service.listSettlementRuns(
    { trigger: "schedule", status: "completed" },
    { take: 1, order: { started_at: "DESC" } }
  )
  if (last && new Date(last.started_at) >= due) {
    return
  }
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  try {
    const { result } = await settleCommissionsWorkflow(container).run({
      input: {
        trigger: "schedule",
        lock_ttl_seconds: options.settlement_lock_ttl_seconds,
      },
    })
    logger.info(
      `Settlement run ${result.run.id}: ${result.run.settlements_created} created, ${result.run.settlements_paid} paid, ${result.run.settlements_failed} failed, ${result.run.skipped} skipped`
    )
  } catch (error) {
    logger.warn(`Settlement run did not complete: ${(error as Error).message}`)
  }
}

export const config = {
  name: "notes-settle-commissions",
  schedule: "* * * * *",
}
