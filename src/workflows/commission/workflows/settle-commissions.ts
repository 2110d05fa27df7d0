import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { acquireSettlementLockStep } from "../steps/acquire-settlement-lock"
import { releaseSettlementLockStep } from "../steps/release-settlement-lock"
import { finishSettlementRunStep } from "../steps/finish-settlement-run"
import { healSettlementsStep } from "../steps/heal-settlements"
import { paySettlementBatchesStep } from "../steps/pay-settlement-batches"
import { planSettlementsStep } from "../steps/plan-settlements"
import { recordSettlementSkipsStep } from "../steps/record-settlement-skips"
import {
  SettleCommissionsInput,
  startSettlementRunStep,
} from "../steps/start-settlement-run"
import type { SettlementRunResult } from "../utils/pay-settlement"
import { emitSettlementEvents } from "../utils/settlement-events"

export const settleCommissionsWorkflowId = "settle-commissions"

/**
 * Pays buyers their approved commission: under the settlement lock (a
 * second run at once gets a 409), heals settlements earlier runs left
 * unfinished (`healSettlementsStep`), plans per buyer and currency (all,
 * or one buyer, or one currency) what is paid and why not (buyer not
 * approved, payouts not enabled, under the threshold, negative balance
 * carried, entries on hold: `planSettlementsStep`), pays the payable ones
 * batch by batch (`paySettlementBatchesStep`: claim, mark sent, transfer,
 * record, in `paySettlementBatchWorkflow`) and records the skips. Emits `settlement.created`, `settlement.paid` and
 * `settlement.failed`.
 *
 * @example
 * const { result } = await settleCommissionsWorkflow(container).run({
 *   input: { trigger: "admin", actor_id: "user_1", currency_code: "eur", lock_ttl_seconds: 1800 },
 * })
 */
export const settleCommissionsWorkflow = createWorkflow(
  settleCommissionsWorkflowId,
  (input: SettleCommissionsInput & { lock_ttl_seconds: number }) => {
    const owner = transform({}, () => `settle:${crypto.randomUUID()}`)
    acquireSettlementLockStep({
      owner_id: owner,
      ttl_seconds: input.lock_ttl_seconds,
    })
    const run = startSettlementRunStep(input)
    const scope = transform({ input }, ({ input }) => ({
      buyer_id: input.buyer_id,
      currency_code: input.currency_code,
    }))
    const healed = healSettlementsStep(scope)
    const plan = planSettlementsStep(
      transform({ scope, run }, ({ scope, run }) => ({
        ...scope,
        run_id: run.id,
      }))
    )
    const paid = paySettlementBatchesStep(
      transform({ input, run, owner, plan }, ({ input, run, owner, plan }) => ({
        run_id: run.id,
        batches: plan.batches,
        lock: { owner_id: owner, ttl_seconds: input.lock_ttl_seconds },
      }))
    )
    const result = transform(
      { healed, plan, paid },
      ({ healed, plan, paid }): SettlementRunResult => ({
        created: paid.created,
        healed,
        // A balance that moved between the plan and the claim is a skip too.
        skips: [...plan.skips, ...paid.skips],
      })
    )
    recordSettlementSkipsStep(
      transform({ run, result }, ({ run, result }) => ({
        run_id: run.id,
        skips: result.skips,
      }))
    )
    const finished = finishSettlementRunStep(
      transform({ run, result }, ({ run, result }) => ({
        run_id: run.id,
        result,
      }))
    )
    releaseSettlementLockStep({ owner_id: owner })
    emitSettlementEvents(
      transform({ result }, ({ result }) => ({
        created: result.created,
        other: result.healed,
      })),
      { created: true }
    )
    return new WorkflowResponse({
      run: finished,
      settlements: transform({ result }, ({ result }) => [
        ...result.healed,
        ...result.created,
      ]),
      skipped: transform({ result }, ({ result }) => result.skips),
    })
  }
)
