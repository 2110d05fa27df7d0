import {
  createWorkflow,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import {
  collectNoteEngagementStep,
  type CollectNoteEngagementStepInput,
} from "../steps/collect-note-engagement"
import { setNoteEngagementStep } from "../steps/set-note-engagement"

export type RefreshNoteEngagementWorkflowInput = CollectNoteEngagementStepInput

export const refreshNoteEngagementWorkflowId = "refresh-note-engagement"

/**
 * Copies notes' counted clicks and attributed orders from the attribution
 * rollups to the notes (`clicks_count`, `orders_count`), which rescores
 * their trending order. `since`: only notes with rollup activity since then
 * (the job passes the last hour); null: every note with any. Idempotent:
 * a rerun writes nothing new. Returns how many notes changed.
 *
 * @example
 * await refreshNoteEngagementWorkflow(container).run({
 *   input: { since: new Date(Date.now() - 3600_000).toISOString() },
 * })
 */
export const refreshNoteEngagementWorkflow = createWorkflow(
  refreshNoteEngagementWorkflowId,
  (input: RefreshNoteEngagementWorkflowInput) => {
    const totals = collectNoteEngagementStep(input)
    return new WorkflowResponse(setNoteEngagementStep(totals))
  }
)
