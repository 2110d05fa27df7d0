import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { NoteStatus } from "../../../types"

export type ValidateNoteTransitionStepInput = {
  note: { id: string; status: NoteStatus }
  /** What the caller wants to do. */
  action: "update_status" | "hide" | "restore"
  status?: NoteStatus
}

export const validateNoteTransitionStepId = "validate-note-transition"

/**
 * Guards moderation: a hidden note changes status only through `restore`,
 * only a hidden note can be restored, and a hidden note cannot be hidden
 * again (its reason would be lost).
 *
 * @example
 * validateNoteTransitionStep({ note, action: "restore" })
 */
export const validateNoteTransitionStep = createStep(
  validateNoteTransitionStepId,
  async (input: ValidateNoteTransitionStepInput) => {
    const { note, action, status } = input
    if (
      action === "update_status" &&
      status !== undefined &&
      note.status === "hidden" &&
      status !== "hidden"
    ) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `status: note ${note.id} is hidden by moderation; restore it before changing its status`
      )
    }
    if (action === "hide" && note.status === "hidden") {
      throw new MedusaError(
        MedusaError.Types.CONFLICT,
        `Note ${note.id} is already hidden`
      )
    }
    if (action === "restore" && note.status !== "hidden") {
      throw new MedusaError(
        MedusaError.Types.CONFLICT,
        `Note ${note.id} is not hidden`
      )
    }
    return new StepResponse(void 0)
  }
)
