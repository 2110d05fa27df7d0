import { emitEventStep } from "@medusajs/medusa/core-flows"
import {
  createWorkflow,
  transform,
  when,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import {
  setNoteReactionStep,
  type SetNoteReactionStepInput,
} from "../steps/set-note-reaction"

export type SetNoteReactionWorkflowInput = SetNoteReactionStepInput

export const setNoteReactionWorkflowId = "set-note-reaction"

/**
 * A customer likes or saves a note (`on: true`), or takes it back
 * (`on: false`). Idempotent: a repeat changes nothing. Emits `note.liked` /
 * `note.saved` `{ id, customer_id, likes_count | saves_count }` once per
 * real like or save, never for a repeat or an undo.
 *
 * @example
 * await setNoteReactionWorkflow(container).run({
 *   input: { note_id: "note_123", customer_id: "cus_1", kind: "save", on: true },
 * })
 */
export const setNoteReactionWorkflow = createWorkflow(
  setNoteReactionWorkflowId,
  (input: SetNoteReactionWorkflowInput) => {
    const result = setNoteReactionStep(input)
    when(
      "note-liked",
      { result },
      ({ result }) => result.changed && result.on && result.kind === "like"
    ).then(() => {
      emitEventStep({
        eventName: "note.liked",
        data: transform({ result }, ({ result }) => ({
          id: result.note_id,
          customer_id: result.customer_id,
          likes_count: result.count,
        })),
      }).config({ name: "emit-note-liked" })
    })
    when(
      "note-saved",
      { result },
      ({ result }) => result.changed && result.on && result.kind === "save"
    ).then(() => {
      emitEventStep({
        eventName: "note.saved",
        data: transform({ result }, ({ result }) => ({
          id: result.note_id,
          customer_id: result.customer_id,
          saves_count: result.count,
        })),
      }).config({ name: "emit-note-saved" })
    })
    return new WorkflowResponse(result)
  }
)
