import { emitEventStep } from "@medusajs/medusa/core-flows"
import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import type { ProviderWebhookEvent } from "../../../modules/commission/providers"
import { applyPayoutEventStep } from "../steps/apply-payout-event"
import { createdEntryEvents } from "../utils/ledger-events"

export const processPayoutEventWorkflowId = "process-payout-event"

/**
 * A verified webhook from the payout provider, applied once per event id:
 * - account updated → the buyer's `payouts_enabled` follows
 *   (`payout_account.updated`);
 * - transfer reversed → the money taken back becomes a negative,
 *   explained adjustment recorded `paid` in the reversed settlement, so the
 *   ledger's paid total is what the buyer kept (`commission.adjusted`); a
 *   merchant who reversed by mistake credits it back with an adjustment;
 * - payout to the buyer's bank failed → recorded on the payout account.
 *
 * @example
 * await processPayoutEventWorkflow(container).run({ input: { event } })
 */
export const processPayoutEventWorkflow = createWorkflow(
  processPayoutEventWorkflowId,
  (input: { event: ProviderWebhookEvent }) => {
    const result = applyPayoutEventStep(input)
    emitEventStep({
      eventName: "commission.adjusted",
      data: transform({ result }, ({ result }) =>
        createdEntryEvents(result.changes, "adjustment")
      ),
    }).config({ name: "emit-commission-adjusted" })
    emitEventStep({
      eventName: "payout_account.updated",
      data: transform({ result }, ({ result }) =>
        result.account ? [{ ...result.account, outcome: result.outcome }] : []
      ),
    }).config({ name: "emit-payout-account-updated" })
    return new WorkflowResponse(
      transform({ result }, ({ result }) => ({
        duplicate: !result.record_id,
        outcome: result.outcome,
      }))
    )
  }
)
