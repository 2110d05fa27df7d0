"use server"

import { getAuthHeaders } from "@/lib/auth"
import { feedPageNumber, feedQuery, readFeedPage } from "@/lib/feed"

/**
 * The next page of the Discover feed, for its infinite scroll. Anyone can
 * call a server action with anything: the query and page are read as the
 * page reads its URL.
 */
export async function loadFeedPage(query: unknown, page: unknown) {
  const { notes, hasMore } = await readFeedPage(
    feedQuery(query && typeof query === "object" ? { ...query } : {}),
    feedPageNumber(page),
    await getAuthHeaders()
  )
  return { notes, hasMore }
}
