import {
  createWorkflow,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import {
  recordNoteViewStep,
  type RecordNoteViewStepInput,
} from "../steps/record-note-view"

export type RecordNoteViewWorkflowInput = RecordNoteViewStepInput

export const recordNoteViewWorkflowId = "record-note-view"

/**
 * A visitor read a note: counts the view once per visitor, note and UTC
 * day. No event: views are too many to announce one by one (reports read
 * the `note_view` rows).
 *
 * @example
 * await recordNoteViewWorkflow(container).run({
 *   input: { note_id: "note_123", visitor_id: "v_0123456789abcdef" },
 * })
 */
export const recordNoteViewWorkflow = createWorkflow(
  recordNoteViewWorkflowId,
  (input: RecordNoteViewWorkflowInput) => {
    return new WorkflowResponse(recordNoteViewStep(input))
  }
)
