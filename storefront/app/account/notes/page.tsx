import type { StoreBuyerNotesListParams } from "@shoppable-notes/client"
import type { Metadata } from "next"
import { getAuthHeaders, requireBuyer } from "@/lib/auth"
import { notesClient } from "@/lib/medusa"
import styles from "../account.module.css"
import { StatusBadge } from "../_components/status-badge"
import own from "./notes.module.css"

export const metadata: Metadata = { title: "My notes" }

const PAGE = 20

const STATUSES = [
  { value: "", label: "Every status" },
  { value: "draft", label: "Draft" },
  { value: "published", label: "Published" },
  { value: "hidden", label: "Hidden" },
] as const

type Status = NonNullable<StoreBuyerNotesListParams["status"]>

const isStatus = (v: unknown): v is Status =>
  v === "draft" || v === "published" || v === "hidden"

type Search = { q?: string; status?: string; page?: string }

/** This list's URL with `change` applied. */
function href(search: Search, change: Search): string {
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries({ ...search, ...change })) {
    if (v && !(k === "page" && v === "1")) {
      params.set(k, v)
    }
  }
  const query = params.toString()
  return query ? `/account/notes?${query}` : "/account/notes"
}

/**
 * The buyer's own notes (`GET /store/buyers/me/notes`): every status,
 * searched (`q`), filtered by status, twenty a page, newest first.
 */
export default async function MyNotesPage({
  searchParams,
}: {
  searchParams: Promise<Search>
}) {
  const raw = await searchParams
  const q = (raw.q ?? "").trim().slice(0, 200)
  const status = isStatus(raw.status) ? raw.status : undefined
  const page = Math.max(
    1,
    Math.min(5000, Number.parseInt(raw.page ?? "1") || 1)
  )
  const search: Search = { q, status, page: String(page) }
  await requireBuyer(href(search, {}))
  const { notes, count, count_exact } = await notesClient.me.notes.list(
    { q: q || undefined, status, limit: PAGE, offset: (page - 1) * PAGE },
    await getAuthHeaders()
  )
  const pages = Math.max(1, Math.ceil(count / PAGE))
  const date = new Intl.DateTimeFormat("en", { dateStyle: "medium" })
  return (
    <>
      <h1 className={styles.pageTitle}>My notes</h1>
      <p>
        <a href="/account/notes/new" className={styles.primary}>
          Write a note
        </a>
      </p>
      <form method="get" action="/account/notes" className={styles.filters}>
        <div className={styles.field}>
          <label htmlFor="notes-q">Search my notes</label>
          <input
            id="notes-q"
            name="q"
            type="search"
            defaultValue={q}
            maxLength={200}
          />
        </div>
        <div className={styles.field}>
          <label htmlFor="notes-status">Status</label>
          <select id="notes-status" name="status" defaultValue={status ?? ""}>
            {STATUSES.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        <button
          type="submit"
          className={`${styles.secondary} ${styles.inline}`}
        >
          Filter
        </button>
      </form>
      <p role="status" className={styles.muted}>
        {count === 0
          ? q || status
            ? "No note matches."
            : "No notes yet: write your first one."
          : `${count}${count_exact ? "" : "+"} note${count === 1 ? "" : "s"}`}
      </p>
      {notes.length > 0 && (
        <ul className={`${styles.stack} ${own.list}`} aria-label="My notes">
          {notes.map((note) => (
            <li key={note.id} className={styles.card}>
              <h2 className={own.noteTitle} lang={note.locale ?? undefined}>
                {note.title || "Untitled note"}
              </h2>
              <p className={`${styles.muted} ${own.meta}`}>
                <StatusBadge status={note.status} /> ·{" "}
                {note.status === "published" && note.published_at
                  ? `published ${date.format(new Date(note.published_at))}`
                  : `edited ${date.format(new Date(note.updated_at))}`}
                {" · "}
                {(note.products ?? []).length} product
                {(note.products ?? []).length === 1 ? "" : "s"}
                {note.hidden_reason ? ` · hidden: ${note.hidden_reason}` : ""}
              </p>
              <p className={`${styles.switch} ${own.links}`}>
                <a href={`/account/notes/${encodeURIComponent(note.id)}`}>
                  Edit
                  <span className={own.visuallyHidden}> {note.title}</span>
                </a>
                {note.status === "published" && (
                  <>
                    {" · "}
                    <a href={`/notes/${encodeURIComponent(note.id)}`}>
                      Public page
                      <span className={own.visuallyHidden}>
                        {" "}
                        of {note.title}
                      </span>
                    </a>
                  </>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
      {pages > 1 && (
        <nav aria-label="Pages" className={styles.pager}>
          {page > 1 ? (
            <a href={href(search, { page: String(page - 1) })}>← Newer</a>
          ) : (
            <span />
          )}
          <span>
            Page {page} of {pages}
          </span>
          {page < pages || !count_exact ? (
            <a href={href(search, { page: String(page + 1) })}>Older →</a>
          ) : (
            <span />
          )}
        </nav>
      )}
    </>
  )
}
