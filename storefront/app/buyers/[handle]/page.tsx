import type { Metadata } from "next"
import { notFound } from "next/navigation"
import { cache } from "react"
import { NoteCard } from "@/components/note-card"
import { getAuthHeaders, getCustomer } from "@/lib/auth"
import { httpStatus, notesClient } from "@/lib/medusa"
import { setFollow } from "./actions"
import { HANDLE_SHAPE } from "./handle"
import styles from "./buyer.module.css"

type Params = Promise<{ handle: string }>

/** Notes shown on a buyer's page (newest first). */
const NOTES = 30

/**
 * The buyer's public profile, with `following` for a logged-in reader, or
 * null when the store shows no such buyer. Once per render (metadata and
 * page share it).
 */
const getProfile = cache(async (raw: string) => {
  const handle = decodeURIComponent(raw).toLowerCase()
  if (!HANDLE_SHAPE.test(handle)) {
    return null
  }
  try {
    const { buyer } = await notesClient.buyers.retrieve(
      handle,
      await getAuthHeaders()
    )
    return buyer
  } catch (e) {
    const status = httpStatus(e)
    if (status === 404 || status === 400) {
      return null
    }
    throw e
  }
})

export async function generateMetadata({
  params,
}: {
  params: Params
}): Promise<Metadata> {
  const buyer = await getProfile((await params).handle)
  if (!buyer) {
    return { title: "Buyer not found" }
  }
  return {
    title: `${buyer.display_name} (@${buyer.handle})`,
    description: buyer.bio ?? `Notes by ${buyer.display_name}`,
  }
}

const count = (n: number, one: string, many: string) =>
  `${new Intl.NumberFormat("en").format(n)} ${n === 1 ? one : many}`

/**
 * A buyer's public page, rendered on the server: avatar, name, bio, their
 * counts, a Follow button (a form posting to a server action: it works
 * without JavaScript and asks to log in first) and their notes as the
 * feed's cards.
 */
export default async function BuyerPage({ params }: { params: Params }) {
  const buyer = await getProfile((await params).handle)
  if (!buyer) {
    notFound()
  }
  const [{ notes }, customer] = await Promise.all([
    notesClient.notes.list({ buyer: buyer.handle, limit: NOTES }),
    getCustomer(),
  ])
  const following = buyer.following === true

  return (
    <main className={styles.page}>
      <header className={styles.profile}>
        {buyer.avatar_url ? (
          <img src={buyer.avatar_url} alt="" className={styles.avatar} />
        ) : (
          <span className={styles.avatar} aria-hidden="true">
            {buyer.display_name.slice(0, 1)}
          </span>
        )}
        <div className={styles.who}>
          <h1 className={styles.name}>{buyer.display_name}</h1>
          <p className={styles.handle}>@{buyer.handle}</p>
          {buyer.bio && <p className={styles.bio}>{buyer.bio}</p>}
          <dl className={styles.counts}>
            <div>
              <dt>Followers</dt>
              <dd>{count(buyer.followers_count, "follower", "followers")}</dd>
            </div>
            <div>
              <dt>Notes</dt>
              <dd>{count(buyer.notes_count, "note", "notes")}</dd>
            </div>
            <div>
              <dt>Likes</dt>
              <dd>{count(buyer.likes_received, "like", "likes")}</dd>
            </div>
          </dl>
        </div>
        <form action={setFollow} className={styles.followForm}>
          <input type="hidden" name="handle" value={buyer.handle} />
          <input type="hidden" name="follow" value={following ? "0" : "1"} />
          <button
            type="submit"
            className={following ? styles.following : styles.follow}
          >
            {following ? "Following" : "Follow"}
          </button>
          {!customer && <span className={styles.hint}>Log in to follow</span>}
        </form>
      </header>

      <section aria-labelledby="notes-title">
        <h2 id="notes-title" className={styles.sectionTitle}>
          Notes by {buyer.display_name}
        </h2>
        {notes.length === 0 ? (
          <p className={styles.empty}>No notes yet.</p>
        ) : (
          <ul className={styles.grid}>
            {notes.map((note, i) => (
              <li key={note.id} className={styles.card}>
                <NoteCard note={note} showAuthor={false} eager={i < 4} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  )
}
