import { emitEventStep } from "@medusajs/medusa/core-flows"
import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { getNotesForUpdateStep } from "../steps/get-notes-for-update"
import { updateNotesStep } from "../steps/update-notes"
import { validateNoteTransitionStep } from "../steps/validate-note-transition"

export type RestoreNoteWorkflowInput = { id: string }

export const restoreNoteWorkflowId = "restore-note"

/**
 * Lifts moderation from a hidden note: it goes back to `published` if it had
 * been published before, otherwise to `draft`. Emits `note.restored`.
 *
 * @example
 * await restoreNoteWorkflow(container).run({ input: { id: "note_123" } })
 */
export const restoreNoteWorkflow = createWorkflow(
  restoreNoteWorkflowId,
  (input: RestoreNoteWorkflowInput) => {
    const notes = getNotesForUpdateStep(
      transform({ input }, ({ input }) => ({ ids: [input.id] }))
    )
    validateNoteTransitionStep(
      transform({ notes }, ({ notes }) => ({
        note: notes[0],
        action: "restore" as const,
      }))
    )
    const update = transform({ notes }, ({ notes }) => ({
      id: notes[0].id,
      status: notes[0].published_at
        ? ("published" as const)
        : ("draft" as const),
      hidden_reason: null,
      hidden_at: null,
    }))
    updateNotesStep(transform({ update }, ({ update }) => [update]))
    emitEventStep({
      eventName: "note.restored",
      data: transform({ update }, ({ update }) => ({
        id: update.id,
        status: update.status,
      })),
    })
    return new WorkflowResponse(
      transform({ input }, ({ input }) => ({ id: input.id }))
    )
  }
)
