import type { StoreNotesListResponse } from "@shoppable-notes/client"
import styles from "./note-strip.module.css"

type Note = StoreNotesListResponse["notes"][number]

/**
 * Note cards in a row (cover, title, author): "Notes about this product"
 * on a product page, "More from …" on a note page.
 */
export function NoteStrip({
  notes,
  showAuthor = true,
}: {
  notes: Note[]
  showAuthor?: boolean
}) {
  return (
    <ul className={styles.list}>
      {notes.map((note) => (
        <li key={note.id}>
          <a href={`/notes/${note.id}`} className={styles.card}>
            {note.images?.[0] ? (
              <img
                src={note.images[0].url}
                alt=""
                className={styles.cover}
                loading="lazy"
              />
            ) : (
              <span className={styles.cover} aria-hidden="true" />
            )}
            <span className={styles.title} lang={note.locale ?? undefined}>
              {note.title}
            </span>
            {showAuthor && note.buyer && (
              <span className={styles.author}>{note.buyer.display_name}</span>
            )}
          </a>
        </li>
      ))}
    </ul>
  )
}
