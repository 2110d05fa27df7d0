import { emitEventStep } from "@medusajs/medusa/core-flows"
import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { sanitizePlainText } from "../../../modules/notes/utils/sanitize"
import { getNotesForUpdateStep } from "../steps/get-notes-for-update"
import { updateNotesStep } from "../steps/update-notes"
import { validateNoteTransitionStep } from "../steps/validate-note-transition"

export type HideNoteWorkflowInput = { id: string; reason: string }

export const hideNoteWorkflowId = "hide-note"

/**
 * Hides a note by moderation, keeping the reason. A hidden note disappears
 * from the store (its page answers 404) and its buy links stop earning.
 * Emits `note.hidden`.
 *
 * @example
 * await hideNoteWorkflow(container).run({ input: { id: "note_123", reason: "Misleading claims" } })
 */
export const hideNoteWorkflow = createWorkflow(
  hideNoteWorkflowId,
  (input: HideNoteWorkflowInput) => {
    const notes = getNotesForUpdateStep(
      transform({ input }, ({ input }) => ({ ids: [input.id] }))
    )
    validateNoteTransitionStep(
      transform({ notes }, ({ notes }) => ({
        note: notes[0],
        action: "hide" as const,
      }))
    )
    // One sanitised reason, stored and announced alike.
    const reason = transform({ input }, ({ input }) =>
      sanitizePlainText(input.reason)
    )
    updateNotesStep(
      transform({ input, reason }, ({ input, reason }) => [
        {
          id: input.id,
          status: "hidden" as const,
          hidden_reason: reason,
          hidden_at: new Date(),
        },
      ])
    )
    emitEventStep({
      eventName: "note.hidden",
      data: transform({ input, reason }, ({ input, reason }) => ({
        id: input.id,
        reason,
      })),
    })
    return new WorkflowResponse(
      transform({ input }, ({ input }) => ({ id: input.id }))
    )
  }
)
