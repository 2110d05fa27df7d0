import { unstable_cache } from "next/cache"
import { cache } from "react"
import { getAuthHeaders } from "./auth"
import { defaultRegionId, httpStatus, notesClient } from "./medusa"

/**
 * One published note with its products priced for the storefront's
 * region, or null when the store has no such note (404). Cached for one
 * render, so the layout (for `lang`), the metadata and the page share a
 * single request. With a login cookie the request carries the customer's
 * token, so the note also has the reader's `liked` and `saved`; without
 * one it stays the anonymous read.
 */
export const getNote = cache(async (id: string) => {
  const [region_id, auth] = await Promise.all([
    defaultRegionId(),
    getAuthHeaders(),
  ])
  try {
    const { note } = await notesClient.notes.retrieve(id, { region_id }, auth)
    return note
  } catch (e) {
    if (httpStatus(e) === 404 || httpStatus(e) === 400) {
      return null
    }
    throw e
  }
})

/** How many of the author's other notes a note page shows. */
const MORE = 6

/**
 * An author's newest published notes (one more than a page shows, in case
 * the note being read is among them), kept for a minute per author: a
 * note page reads them after the note itself (it needs the author), and a
 * strip of other notes may be a minute old.
 */
const authorNotes = unstable_cache(
  async (handle: string) =>
    (await notesClient.notes.list({ buyer: handle, limit: MORE + 1 })).notes,
  ["author-notes"],
  { revalidate: 60 }
)

/** The author's other published notes, newest first. */
export async function moreByAuthor(handle: string, exceptId: string) {
  const notes = await authorNotes(handle)
  return notes.filter((n) => n.id !== exceptId).slice(0, MORE)
}
