import type { Metadata } from "next"
import { NoteEditor } from "@/components/note-editor"
import { requireBuyer } from "@/lib/auth"
import styles from "../../account.module.css"
import { editorState } from "../load"

export const metadata: Metadata = { title: "New note" }

/** Write a note (saved as a draft unless published). */
export default async function NewNotePage() {
  const buyer = await requireBuyer("/account/notes/new")
  return (
    <>
      <p className={styles.switch}>
        <a href="/account/notes">← My notes</a>
      </p>
      <h1 className={styles.pageTitle}>New note</h1>
      {buyer.status !== "approved" && (
        <p className={styles.card}>
          You can save drafts now; publishing waits until the store approves
          you.
        </p>
      )}
      <NoteEditor initial={await editorState(null)} />
    </>
  )
}
