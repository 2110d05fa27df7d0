import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import type {
  ClaimSettlementInput,
  SettlementSkipInput,
} from "../../../modules/commission/types"
import { claimSettlementBatchStep } from "../steps/claim-settlement-batch"
import { markSettlementsSentStep } from "../steps/mark-settlements-sent"
import { recordSettlementOutcomesStep } from "../steps/record-settlement-outcomes"
import { transferSettlementsStep } from "../steps/transfer-settlements"
import type { SettlementOutcome } from "../utils/pay-settlement"

export type PaySettlementBatchInput = {
  run_id: string
  /** Buyers and currencies the plan found payable (`planSettlementsStep`). */
  groups: ClaimSettlementInput[]
}

export type PaySettlementBatchResult = {
  /** Where each settlement claimed and sent in this batch ended. */
  created: SettlementOutcome[]
  /** Balances that moved between the plan and the claim. */
  skips: SettlementSkipInput[]
}

export const paySettlementBatchWorkflowId = "pay-settlement-batch"

/**
 * Pays one batch of a settlement run: claims the buyers' entries into
 * settlements (one transaction), marks them sent (one), asks the payout
 * provider for each under its idempotency key, and records the answers
 * (payments in one transaction). Runs under the run's settlement lock;
 * `paySettlementBatchesStep` starts one per batch. If a step fails, the
 * claim's compensation fails the settlements never sent, so their entries
 * are payable again.
 *
 * @example
 * const { result } = await paySettlementBatchWorkflow(container).run({
 *   input: { run_id: "strun_1", groups: plan.batches[0] },
 * })
 */
export const paySettlementBatchWorkflow = createWorkflow(
  paySettlementBatchWorkflowId,
  (input: PaySettlementBatchInput) => {
    const claim = claimSettlementBatchStep(input.groups)
    const marked = markSettlementsSentStep(
      transform({ claim }, ({ claim }) => claim.settlements)
    )
    const answers = transferSettlementsStep(
      transform({ input, marked }, ({ input, marked }) => ({
        run_id: input.run_id,
        sent: marked.sent,
      }))
    )
    const recorded = recordSettlementOutcomesStep(
      transform({ marked, answers }, ({ marked, answers }) => ({
        sent: marked.sent,
        answers,
      }))
    )
    return new WorkflowResponse(
      transform(
        { claim, marked, recorded },
        ({ claim, marked, recorded }): PaySettlementBatchResult => ({
          created: [...marked.troubled, ...recorded],
          skips: claim.skips,
        })
      )
    )
  }
)
