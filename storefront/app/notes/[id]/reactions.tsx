"use client"

import { useFormStatus } from "react-dom"
import { react } from "./actions"
import styles from "./community.module.css"

type Props = {
  noteId: string
  liked: boolean
  saved: boolean
  likes: number
  saves: number
  /** A logged-out reader's press goes to the login page: no optimistic flip. */
  loggedIn: boolean
  zh: boolean
}

/**
 * The note's Like and Save buttons with their counts: each a form posting
 * to a server action (it works without JavaScript; logged out it asks to
 * log in and comes back), pressed (`aria-pressed`) when the reader liked
 * or saved the note. With JavaScript the button shows its new state while
 * the action runs.
 */
export function Reactions(props: Props) {
  const { noteId, zh, loggedIn } = props
  return (
    <div className={styles.reactions}>
      <Toggle
        noteId={noteId}
        kind="like"
        on={props.liked}
        count={props.likes}
        label={zh ? "点赞" : "Like"}
        icon="♥"
        optimistic={loggedIn}
      />
      <Toggle
        noteId={noteId}
        kind="save"
        on={props.saved}
        count={props.saves}
        label={zh ? "收藏" : "Save"}
        icon="★"
        optimistic={loggedIn}
      />
      {!loggedIn && (
        <span className={styles.hint}>
          {zh ? "登录后可点赞和收藏" : "Log in to like and save"}
        </span>
      )}
    </div>
  )
}

function Toggle(props: {
  noteId: string
  kind: "like" | "save"
  on: boolean
  count: number
  label: string
  icon: string
  optimistic: boolean
}) {
  return (
    <form action={react}>
      <input type="hidden" name="note_id" value={props.noteId} />
      <input type="hidden" name="kind" value={props.kind} />
      <input type="hidden" name="on" value={props.on ? "0" : "1"} />
      <ToggleButton {...props} />
    </form>
  )
}

function ToggleButton({
  on,
  count,
  label,
  icon,
  kind,
  optimistic,
}: {
  on: boolean
  count: number
  label: string
  icon: string
  kind: string
  optimistic: boolean
}) {
  const { pending } = useFormStatus()
  const flip = pending && optimistic
  const pressed = flip ? !on : on
  const shown = Math.max(0, count + (flip ? (on ? -1 : 1) : 0))
  return (
    <button
      type="submit"
      aria-pressed={pressed}
      // Busy while the action runs: the state shown is not saved yet.
      aria-busy={pending || undefined}
      className={pressed ? styles.toggleOn : styles.toggle}
      data-testid={`${kind}-button`}
    >
      <span aria-hidden="true" className={styles.icon}>
        {icon}
      </span>
      <span>{label}</span>
      <span className={styles.count} data-testid={`${kind}-count`}>
        {new Intl.NumberFormat("en").format(shown)}
      </span>
    </button>
  )
}
