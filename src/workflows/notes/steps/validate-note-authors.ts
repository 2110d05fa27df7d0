import {
  ContainerRegistrationKeys,
  MedusaError,
} from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { BuyerStatus } from "../../../types"

export type ValidateNoteAuthorsStepInput = {
  /** The request field the author came from, used in error messages. */
  field: string
  buyer_id: string | null
  /** Whether the note is being published (created as or moved to published). */
  publishing: boolean
}[]

export const validateNoteAuthorsStepId = "validate-note-authors"

/**
 * Checks each note's author: the buyer exists, and only an approved buyer's
 * note may be published. Returns, per note, whether it is listed in the
 * store (false for a suspended author). Merchant notes (no buyer) always are.
 *
 * @example
 * const [listed] = validateNoteAuthorsStep([{ field: "buyer_id", buyer_id: "buyer_1", publishing: true }])
 */
export const validateNoteAuthorsStep = createStep(
  validateNoteAuthorsStepId,
  async (input: ValidateNoteAuthorsStepInput, { container }) => {
    const ids = [
      ...new Set(input.map((i) => i.buyer_id).filter((b): b is string => !!b)),
    ]
    const statuses = new Map<string, BuyerStatus>()
    if (ids.length) {
      const query = container.resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({
        entity: "buyer",
        fields: ["id", "status"],
        filters: { id: ids },
      })
      for (const b of data as { id: string; status: BuyerStatus }[]) {
        statuses.set(b.id, b.status)
      }
    }
    const listed = input.map((i) => {
      if (!i.buyer_id) {
        return true
      }
      const status = statuses.get(i.buyer_id)
      if (!status) {
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          `${i.field}: buyer '${i.buyer_id}' does not exist`
        )
      }
      if (i.publishing && status !== "approved") {
        throw new MedusaError(
          MedusaError.Types.NOT_ALLOWED,
          `status: only an approved buyer can publish (buyer ${i.buyer_id} is ${status})`
        )
      }
      return status !== "suspended"
    })
    return new StepResponse(listed)
  }
)
