import { emitEventStep } from "@medusajs/medusa/core-flows"
import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { getNotesForUpdateStep } from "../steps/get-notes-for-update"
import { softDeleteNotesStep } from "../steps/soft-delete-notes"

export type DeleteNotesWorkflowInput = { ids: string[] }

export const deleteNotesWorkflowId = "delete-notes"

/**
 * Soft-deletes notes and their tagged products: their pages answer 404 and
 * their buy links stop earning; the rows stay for reports and audits.
 * Emits `note.deleted`.
 *
 * @example
 * await deleteNotesWorkflow(container).run({ input: { ids: ["note_123"] } })
 */
export const deleteNotesWorkflow = createWorkflow(
  deleteNotesWorkflowId,
  (input: DeleteNotesWorkflowInput) => {
    getNotesForUpdateStep(input)
    softDeleteNotesStep(transform({ input }, ({ input }) => input.ids))
    emitEventStep({
      eventName: "note.deleted",
      data: transform({ input }, ({ input }) =>
        input.ids.map((id) => ({ id }))
      ),
    })
    return new WorkflowResponse(input.ids)
  }
)
