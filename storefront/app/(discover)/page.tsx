import type { Metadata } from "next"
import { redirect } from "next/navigation"
import { getAuthHeaders, getCustomer, loginHref } from "@/lib/auth"
import { feedHref, feedPageNumber, feedQuery, readFeedPage } from "@/lib/feed"
import { Feed } from "./feed"
import styles from "./discover.module.css"

type SearchParams = Promise<Record<string, string | string[] | undefined>>

/** Tags offered as chips above the feed. */
const TAGS = (process.env.STOREFRONT_TAGS ?? "护肤,穿搭,好物分享,skincare")
  .split(",")
  .map((t) => t.trim())
  .filter(Boolean)

export async function generateMetadata({
  searchParams,
}: {
  searchParams: SearchParams
}): Promise<Metadata> {
  const sp = await searchParams
  const { q } = feedQuery(sp)
  const page = feedPageNumber(sp.page)
  const suffix = page > 1 ? ` · page ${page}` : ""
  if (q) {
    return { title: `“${q}”${suffix}`, robots: { index: false } }
  }
  return feedQuery(sp).feed
    ? { title: `Following${suffix}`, robots: { index: false } }
    : { title: `Discover${suffix}` }
}

export default async function Discover({
  searchParams,
}: {
  searchParams: SearchParams
}) {
  const sp = await searchParams
  const query = feedQuery(sp)
  const page = feedPageNumber(sp.page)
  const customer = await getCustomer()
  // The following feed is the reader's own: log in first, then come back.
  if (query.feed && !customer) {
    redirect(loginHref(feedHref(query, page)))
  }
  const result = await readFeedPage(query, page, await getAuthHeaders())
  const followingHref = feedHref(
    { ...query, sort: undefined, feed: "following" },
    1
  )

  return (
    <main className={styles.page}>
      <form action="/" method="get" role="search" className={styles.search}>
        <label htmlFor="q" className={styles.visuallyHidden}>
          Search notes
        </label>
        <input
          id="q"
          name="q"
          type="search"
          defaultValue={query.q}
          placeholder="搜索笔记 Search notes"
          maxLength={200}
          className={styles.input}
        />
        <button type="submit" className={styles.searchButton}>
          Search
        </button>
      </form>

      <nav aria-label="Order" className={styles.sort}>
        <a
          href={feedHref({ ...query, sort: undefined, feed: undefined }, 1)}
          className={styles.sortLink}
          aria-current={query.sort || query.feed ? undefined : "page"}
        >
          Newest
        </a>
        <a
          href={feedHref({ ...query, sort: "trending", feed: undefined }, 1)}
          className={styles.sortLink}
          aria-current={
            query.sort === "trending" && !query.feed ? "page" : undefined
          }
        >
          Trending
        </a>
        <a
          // Logged out: the login page, which comes back to this tab.
          href={customer ? followingHref : loginHref(followingHref)}
          className={styles.sortLink}
          aria-current={query.feed ? "page" : undefined}
        >
          Following
        </a>
      </nav>

      <nav aria-label="Tags" className={styles.chips}>
        <a
          href={feedHref({ sort: query.sort, feed: query.feed }, 1)}
          className={styles.chip}
          aria-current={
            !query.tag && !query.q && !query.buyer ? "page" : undefined
          }
        >
          All
        </a>
        {TAGS.map((tag) => (
          <a
            key={tag}
            href={feedHref({ tag, sort: query.sort, feed: query.feed }, 1)}
            className={styles.chip}
            aria-current={query.tag === tag ? "page" : undefined}
          >
            #{tag}
          </a>
        ))}
      </nav>

      {query.q && (
        <p className={styles.summary}>
          {result.count}
          {result.countExact ? "" : "+"}{" "}
          {result.count === 1 && result.countExact ? "note" : "notes"} for “
          {query.q}”
        </p>
      )}

      {page > 1 && (
        <p className={styles.summary}>
          Page {page} ·{" "}
          <a href={feedHref(query, page - 1)} className={styles.back}>
            Newer notes
          </a>
        </p>
      )}

      {result.notes.length === 0 ? (
        <p className={styles.empty}>
          {query.feed && !query.q && !query.tag && page === 1 ? (
            <>
              No notes from buyers you follow yet. Follow a buyer from their
              page to see their new notes here.
            </>
          ) : (
            "No notes found."
          )}
        </p>
      ) : (
        <Feed
          // A new search, tag or page starts a new scroll.
          key={feedHref(query, page)}
          query={query}
          page={page}
          notes={result.notes}
          hasMore={result.hasMore}
        />
      )}
    </main>
  )
}
