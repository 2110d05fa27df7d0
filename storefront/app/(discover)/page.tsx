import type { Metadata } from "next"
import type { StoreNotesListParams } from "@shoppable-notes/client"
import { httpStatus, notesClient } from "@/lib/medusa"
import styles from "./discover.module.css"

type SearchParams = Promise<Record<string, string | string[] | undefined>>

const first = (v: string | string[] | undefined) =>
  (Array.isArray(v) ? v[0] : v)?.trim() || undefined

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
  const q = first((await searchParams).q)
  return q
    ? { title: `“${q}”`, robots: { index: false } }
    : { title: "Discover" }
}

export default async function Discover({
  searchParams,
}: {
  searchParams: SearchParams
}) {
  const sp = await searchParams
  const params: StoreNotesListParams = {
    q: first(sp.q)?.slice(0, 200),
    tag: first(sp.tag),
    buyer: first(sp.buyer),
    limit: 30,
  }
  let result: Awaited<ReturnType<typeof notesClient.notes.list>> | null = null
  try {
    result = await notesClient.notes.list(params)
  } catch (e) {
    if (httpStatus(e) !== 400) {
      throw e
    }
  }
  const notes = result?.notes ?? []

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
          defaultValue={params.q}
          placeholder="搜索笔记 Search notes"
          maxLength={200}
          className={styles.input}
        />
        <button type="submit" className={styles.searchButton}>
          Search
        </button>
      </form>

      <nav aria-label="Tags" className={styles.chips}>
        <a
          href="/"
          className={styles.chip}
          aria-current={
            !params.tag && !params.q && !params.buyer ? "page" : undefined
          }
        >
          All
        </a>
        {TAGS.map((tag) => (
          <a
            key={tag}
            href={`/?tag=${encodeURIComponent(tag)}`}
            className={styles.chip}
            aria-current={params.tag === tag ? "page" : undefined}
          >
            #{tag}
          </a>
        ))}
      </nav>

      {params.q && (
        <p className={styles.summary}>
          {result?.count ?? 0}
          {result && !result.count_exact ? "+" : ""}{" "}
          {result?.count === 1 && result.count_exact ? "note" : "notes"} for “
          {params.q}”
        </p>
      )}

      {notes.length === 0 ? (
        <p className={styles.empty}>No notes found.</p>
      ) : (
        <ul className={styles.feed}>
          {notes.map((note, i) => {
            const cover = note.images?.[0]
            return (
              <li key={note.id} className={styles.card}>
                <a href={`/notes/${note.id}`} className={styles.cardLink}>
                  {cover ? (
                    <img
                      src={cover.url}
                      // The title beside it names the link: an alt that
                      // repeats it would be read twice.
                      alt={
                        cover.alt && cover.alt !== note.title ? cover.alt : ""
                      }
                      className={styles.cover}
                      loading={i < 4 ? "eager" : "lazy"}
                    />
                  ) : (
                    <span
                      className={styles.coverText}
                      lang={note.locale ?? undefined}
                    >
                      {note.title}
                    </span>
                  )}
                  <span
                    className={styles.cardTitle}
                    lang={note.locale ?? undefined}
                  >
                    {note.title}
                  </span>
                </a>
                {note.buyer && (
                  <a
                    href={`/?buyer=${encodeURIComponent(note.buyer.handle)}`}
                    className={styles.byline}
                  >
                    {note.buyer.avatar_url ? (
                      <img
                        src={note.buyer.avatar_url}
                        alt=""
                        className={styles.avatar}
                      />
                    ) : (
                      <span className={styles.avatar} aria-hidden="true">
                        {note.buyer.display_name.slice(0, 1)}
                      </span>
                    )}
                    {note.buyer.display_name}
                  </a>
                )}
              </li>
            )
          })}
        </ul>
      )}
    </main>
  )
}
