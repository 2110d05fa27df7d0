import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import type { CreateNoteInput, UpdateNoteInput } from "../../../types"
import { validateNoteOwnerStep } from "../../notes/steps/validate-note-owner"
import { createNotesWorkflow } from "../../notes/workflows/create-notes"
import { updateNoteWorkflow } from "../../notes/workflows/update-note"
import { getBuyerStep } from "../steps/get-buyer"

export const createBuyerNoteWorkflowId = "create-buyer-note"

/**
 * A buyer writes a note: the author is the customer's own buyer profile,
 * never one given in the request. Publishing needs an approved profile
 * (checked by `createNotesWorkflow`).
 *
 * @example
 * await createBuyerNoteWorkflow(container).run({
 *   input: { customer_id: "cus_1", note: { title: "…", body: "…", status: "draft" } },
 * })
 */
export const createBuyerNoteWorkflow = createWorkflow(
  createBuyerNoteWorkflowId,
  (input: { customer_id: string; note: Omit<CreateNoteInput, "buyer_id"> }) => {
    const buyer = getBuyerStep(
      transform({ input }, ({ input }) => ({ customer_id: input.customer_id }))
    )
    const created = createNotesWorkflow.runAsStep({
      input: transform({ input, buyer }, ({ input, buyer }) => ({
        notes: [{ ...input.note, buyer_id: buyer.id }],
      })),
    })
    return new WorkflowResponse(
      transform({ created }, ({ created }) => ({ id: created[0].id }))
    )
  }
)

export const updateBuyerNoteWorkflowId = "update-buyer-note"

/**
 * A buyer edits one of their own notes (another buyer's note is not found).
 *
 * @example
 * await updateBuyerNoteWorkflow(container).run({
 *   input: { customer_id: "cus_1", note_id: "note_1", update: { status: "published" } },
 * })
 */
export const updateBuyerNoteWorkflow = createWorkflow(
  updateBuyerNoteWorkflowId,
  (input: {
    customer_id: string
    note_id: string
    update: UpdateNoteInput
  }) => {
    const buyer = getBuyerStep(
      transform({ input }, ({ input }) => ({ customer_id: input.customer_id }))
    )
    validateNoteOwnerStep(
      transform({ input, buyer }, ({ input, buyer }) => ({
        note_id: input.note_id,
        buyer_id: buyer.id,
      }))
    )
    updateNoteWorkflow.runAsStep({
      input: transform({ input }, ({ input }) => ({
        id: input.note_id,
        update: input.update,
      })),
    })
    return new WorkflowResponse(
      transform({ input }, ({ input }) => ({ id: input.note_id }))
    )
  }
)
