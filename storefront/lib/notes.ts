import { cache } from "react"
import { defaultRegionId, httpStatus, notesClient } from "./medusa"

/**
 * One published note with its products priced for the storefront's
 * region, or null when the store has no such note (404). Cached for one
 * render, so the layout (for `lang`), the metadata and the page share a
 * single request.
 */
export const getNote = cache(async (id: string) => {
  const region_id = await defaultRegionId()
  try {
    const { note } = await notesClient.notes.retrieve(id, { region_id })
    return note
  } catch (e) {
    if (httpStatus(e) === 404 || httpStatus(e) === 400) {
      return null
    }
    throw e
  }
})
