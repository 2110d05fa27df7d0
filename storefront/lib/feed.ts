import type { NoteCardNote } from "@/components/note-card"
import { httpStatus, notesClient } from "./medusa"

/** Notes per page of the Discover feed. */
export const FEED_PAGE_SIZE = 30

/** Pages beyond this are not served (offset 30,000): a crawler's loop, not a reader. */
const MAX_PAGE = 1000

/**
 * What the feed shows: a search, a tag or an author's notes (or all), newest
 * first or trending; or, for a logged-in reader, only the notes of the
 * buyers they follow (`feed: "following"`).
 */
export type FeedQuery = {
  q?: string
  tag?: string
  buyer?: string
  sort?: "trending"
  feed?: "following"
}

export type FeedPage = {
  notes: NoteCardNote[]
  hasMore: boolean
  count: number
  countExact: boolean
}

const text = (v: unknown, max: number) =>
  typeof v === "string" ? v.trim().slice(0, max) || undefined : undefined

/**
 * The feed's query from untrusted input (the URL's search parameters, or
 * a server action's argument): strings only, trimmed, clipped to what the
 * store API accepts.
 */
export function feedQuery(raw: Record<string, unknown>): FeedQuery {
  const first = (v: unknown) => (Array.isArray(v) ? v[0] : v)
  return {
    q: text(first(raw.q), 200),
    tag: text(first(raw.tag), 100),
    buyer: text(first(raw.buyer), 100),
    sort: first(raw.sort) === "trending" ? "trending" : undefined,
    feed: first(raw.feed) === "following" ? "following" : undefined,
  }
}

/** A page number from untrusted input: a whole number from 1 to 1000, else 1. */
export function feedPageNumber(raw: unknown): number {
  const v = Array.isArray(raw) ? raw[0] : raw
  const n = typeof v === "number" ? v : Number(typeof v === "string" ? v : NaN)
  return Number.isInteger(n) && n >= 1 && n <= MAX_PAGE ? n : 1
}

/** The feed's address for `page`, keeping the search, tag and author. */
export function feedHref(query: FeedQuery, page: number): string {
  const params = new URLSearchParams()
  for (const key of ["q", "tag", "buyer", "sort", "feed"] as const) {
    if (query[key]) {
      params.set(key, query[key])
    }
  }
  if (page > 1) {
    params.set("page", String(page))
  }
  const search = params.toString()
  return search ? `/?${search}` : "/"
}

/**
 * One page of the feed, newest first (best match first for a search), or
 * trending (engagement decayed with age) with `sort: "trending"`. The
 * following feed needs the customer's `auth` headers (`getAuthHeaders()`:
 * this module is also the client feed's, so it does not read cookies). A
 * query the store refuses (400), or a following feed without a valid login
 * (401), is an empty feed, not an error page (the page sends a logged-out
 * reader to log in first).
 */
export async function readFeedPage(
  query: FeedQuery,
  page: number,
  auth?: { authorization?: string }
): Promise<FeedPage> {
  try {
    const result = await notesClient.notes.list(
      {
        ...query,
        limit: FEED_PAGE_SIZE,
        offset: (page - 1) * FEED_PAGE_SIZE,
      },
      query.feed ? auth : undefined
    )
    const end = result.offset + result.notes.length
    return {
      notes: result.notes,
      // Past the search's count cap `count` is a lower bound: a full page
      // may have more after it.
      hasMore:
        page < MAX_PAGE &&
        (end < result.count ||
          (!result.count_exact && result.notes.length === FEED_PAGE_SIZE)),
      count: result.count,
      countExact: result.count_exact,
    }
  } catch (e) {
    const status = httpStatus(e)
    if (status !== 400 && status !== 401) {
      throw e
    }
    return { notes: [], hasMore: false, count: 0, countExact: true }
  }
}
