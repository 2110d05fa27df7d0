import { NoteCard, type NoteCardNote } from "./note-card"
import styles from "./note-strip.module.css"

/**
 * Note cards in a row: "Notes about this product" on a product page,
 * "More from …" on a note page.
 */
export function NoteStrip({
  notes,
  showAuthor = true,
}: {
  notes: NoteCardNote[]
  showAuthor?: boolean
}) {
  return (
    <ul className={styles.list}>
      {notes.map((note) => (
        <li key={note.id}>
          <NoteCard note={note} showAuthor={showAuthor} />
        </li>
      ))}
    </ul>
  )
}
