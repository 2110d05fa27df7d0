import type { MedusaContainer } from "@medusajs/framework/types"
import { refreshNoteEngagementWorkflow } from "../workflows/notes/workflows/refresh-note-engagement"

// Longer than the run interval, so clicks written late (the click sink
// writes in batches; a click keeps its own time) are still picked up.
const LOOKBACK_MS = 60 * 60 * 1000

/**
 * Folds clicks and orders into the trending order: copies the counts of
 * the notes active in the last hour from the attribution rollups.
 */
export default async function refreshNoteEngagement(
  container: MedusaContainer
) {
  await refreshNoteEngagementWorkflow(container).run({
    input: { since: new Date(Date.now() - LOOKBACK_MS).toISOString() },
  })
}

export const config = {
  name: "notes-refresh-note-engagement",
  schedule: "*/5 * * * *",
}
