import type { StoreNotesListResponse } from "@shoppable-notes/client"
import styles from "./note-card.module.css"

export type NoteCardNote = StoreNotesListResponse["notes"][number]

/**
 * One note's card: its cover (or its title on a tinted card when it has no
 * image) and title in one link to the note, then the author's link to
 * their notes. The Discover feed, "Notes about this product" and "More
 * from …" all show notes with it; each list lays the cards out itself.
 */
export function NoteCard({
  note,
  showAuthor = true,
  eager = false,
}: {
  note: NoteCardNote
  showAuthor?: boolean
  /** Load the cover at once (the first cards of a page). */
  eager?: boolean
}) {
  const cover = note.images?.[0]
  const lang = note.locale ?? undefined
  return (
    <>
      <a href={`/notes/${note.id}`} className={styles.link}>
        {cover ? (
          <img
            src={cover.url}
            // The title beside it names the link: an alt that repeats it
            // would be read twice.
            alt={cover.alt && cover.alt !== note.title ? cover.alt : ""}
            className={styles.cover}
            loading={eager ? "eager" : "lazy"}
          />
        ) : (
          <span className={styles.coverText} lang={lang} aria-hidden="true">
            {note.title}
          </span>
        )}
        <span className={styles.title} lang={lang}>
          {note.title}
        </span>
      </a>
      {showAuthor && note.buyer && (
        <a
          href={`/buyers/${encodeURIComponent(note.buyer.handle)}`}
          className={styles.byline}
        >
          {note.buyer.avatar_url ? (
            <img src={note.buyer.avatar_url} alt="" className={styles.avatar} />
          ) : (
            <span className={styles.avatar} aria-hidden="true">
              {note.buyer.display_name.slice(0, 1)}
            </span>
          )}
          {note.buyer.display_name}
        </a>
      )}
    </>
  )
}
