import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ATTRIBUTION_MODULE } from "../../../modules/attribution"
import type AttributionModuleService from "../../../modules/attribution/service"

export type CollectNoteEngagementStepInput = {
  /** ISO time: notes with clicks or orders bucketed since; null: all. */
  since: string | null
}

export const collectNoteEngagementStepId = "collect-note-engagement"

/**
 * Reads each recently active note's all-time counted clicks and attributed
 * orders from the attribution rollups. A read: no compensation.
 *
 * @example
 * collectNoteEngagementStep({ since: "2026-12-06T00:00:00Z" })
 */
export const collectNoteEngagementStep = createStep(
  collectNoteEngagementStepId,
  async (input: CollectNoteEngagementStepInput, { container }) => {
    const attribution =
      container.resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
    return new StepResponse(
      await attribution.noteEngagementTotals(
        input.since ? new Date(input.since) : null
      )
    )
  }
)
