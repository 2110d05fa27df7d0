import type { Metadata } from "next"
import { NoteCard } from "@/components/note-card"
import { getAuthHeaders, requireCustomer } from "@/lib/auth"
import { listSavedNotes } from "@/lib/community"
import { FEED_PAGE_SIZE } from "@/lib/feed"
import { offsetParam, Pager } from "../_components/pager"
import accountStyles from "../account.module.css"
import styles from "./saved.module.css"

export const metadata: Metadata = { title: "Saved notes" }

/** Cards per page: as many as a page of the Discover feed. */
const LIMIT = FEED_PAGE_SIZE

/**
 * The notes the customer saved (`GET /store/customers/me/saved-notes`),
 * newest save first, as the feed's cards, paged. Any logged-in customer
 * has it, buyer or not.
 */
export default async function SavedPage({
  searchParams,
}: {
  searchParams: Promise<{ offset?: string }>
}) {
  const offset = offsetParam((await searchParams).offset)
  const href = (o: number) => `/account/saved${o ? `?offset=${o}` : ""}`
  await requireCustomer(href(offset))
  const auth = await getAuthHeaders()
  const { notes, count } = await listSavedNotes(
    { limit: LIMIT, offset },
    auth.authorization!
  )
  return (
    <>
      <h1 className={accountStyles.pageTitle}>Saved notes</h1>
      {notes.length === 0 ? (
        <p className={styles.empty}>
          {offset > 0 ? (
            <>
              No more saved notes. <a href="/account/saved">First page</a>
            </>
          ) : (
            <>
              Nothing saved yet: press Save on a note to keep it here.{" "}
              <a href="/">Discover notes</a>
            </>
          )}
        </p>
      ) : (
        <ul className={styles.grid}>
          {notes.map((note, i) => (
            <li key={note.id} className={styles.card}>
              <NoteCard note={note} eager={i < 4} />
            </li>
          ))}
        </ul>
      )}
      <Pager
        count={count}
        limit={LIMIT}
        offset={offset}
        href={href}
        noun="saved notes"
      />
    </>
  )
}
