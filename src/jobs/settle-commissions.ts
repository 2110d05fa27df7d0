import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { parseExpression } from "cron-parser"
import { COMMISSION_MODULE } from "../modules/commission"
import type CommissionModuleService from "../modules/commission/service"
import { settleCommissionsWorkflow } from "../workflows"

/**
 * The last time the schedule fired at or before `now` (UTC), or null when
 * settlements are not scheduled.
 */
export function lastScheduledTime(
  schedule: string | false,
  now: Date
): Date | null {
  if (!schedule) {
    return null
  }
  return parseExpression(schedule, {
    currentDate: new Date(now.getTime() + 1000),
    utc: true,
  })
    .prev()
    .toDate()
}

/**
 * Runs the settlement workflow on the plugin's `settlement_schedule` (cron,
 * UTC; default daily at 03:00). Medusa's job schedule is fixed in code, so
 * this job wakes every minute and starts a run when the configured
 * schedule has fired since the last scheduled run began. The workflow's
 * lock keeps two at once from overlapping; a busy lock waits a minute.
 */
export default async function settleCommissions(container: MedusaContainer) {
  const service = container.resolve<CommissionModuleService>(COMMISSION_MODULE)
  const options = service.getOptions()
  const due = lastScheduledTime(options.settlement_schedule, new Date())
  if (!due) {
    return
  }
  const [last] = await service.listSettlementRuns(
    { trigger: "schedule" },
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
