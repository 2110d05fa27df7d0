import type { Metadata } from "next"
import { notFound } from "next/navigation"
import { NoteEditor } from "@/components/note-editor"
import { getAuthHeaders, requireBuyer } from "@/lib/auth"
import { httpStatus, notesClient } from "@/lib/medusa"
import styles from "../../account.module.css"
import { StatusBadge } from "../../_components/status-badge"
import { editorState } from "../load"

export const metadata: Metadata = { title: "Edit note" }

type Props = {
  params: Promise<{ id: string }>
  searchParams: Promise<{ created?: string }>
}

/** Edit one of the buyer's notes (another buyer's is a 404). */
export default async function EditNotePage({ params, searchParams }: Props) {
  const { id } = await params
  await requireBuyer(`/account/notes/${encodeURIComponent(id)}`)
  let note
  try {
    note = (await notesClient.me.notes.retrieve(id, await getAuthHeaders()))
      .note
  } catch (e) {
    if (httpStatus(e) === 404) {
      notFound()
    }
    throw e
  }
  return (
    <>
      <p className={styles.switch}>
        <a href="/account/notes">← My notes</a>
        {note.status === "published" && (
          <>
            {" · "}
            <a href={`/notes/${encodeURIComponent(note.id)}`}>
              See the public page
            </a>
          </>
        )}
      </p>
      <h1 className={styles.pageTitle} lang={note.locale ?? undefined}>
        {note.title || "Untitled note"}
      </h1>
      <p>
        <StatusBadge status={note.status} />
        {note.hidden_reason ? ` ${note.hidden_reason}` : null}
      </p>
      <NoteEditor
        initial={await editorState(note)}
        created={(await searchParams).created === "1"}
      />
    </>
  )
}
