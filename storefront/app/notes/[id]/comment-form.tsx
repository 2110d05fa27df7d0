"use client"

import { useActionState, useId, useState } from "react"
import { comment, type CommentState } from "./actions"
import styles from "./community.module.css"

/** The API's limit, in Unicode code points (an emoji is one). */
export const COMMENT_MAX = 1000

/**
 * A comment (or, with `parentId`, a reply) form: a labelled textarea with
 * its 1,000-character limit, posting to a server action. Without
 * JavaScript the page comes back with the error and the text typed; the
 * count turns red past the limit, and the API's message (a 400 names the field) or the rate limit's wait shows
 * under the field.
 */
export function CommentForm({
  noteId,
  parentId,
  replyTo,
  zh,
}: {
  noteId: string
  parentId?: string
  /** The name of the comment answered, for the label. */
  replyTo?: string
  zh: boolean
}) {
  const [state, action, pending] = useActionState<CommentState, FormData>(
    comment,
    null
  )
  const [text, setText] = useState(state?.body ?? "")
  const id = useId()
  const length = [...text].length
  const over = length > COMMENT_MAX
  const label = parentId
    ? zh
      ? `回复 ${replyTo ?? ""}`
      : `Reply to ${replyTo ?? "this comment"}`
    : zh
      ? "写评论"
      : "Add a comment"
  return (
    <form action={action} className={styles.form}>
      <input type="hidden" name="note_id" value={noteId} />
      {parentId && <input type="hidden" name="parent_id" value={parentId} />}
      <label htmlFor={`${id}-body`} className={styles.label}>
        {label}
      </label>
      <textarea
        id={`${id}-body`}
        name="body"
        required
        rows={parentId ? 2 : 3}
        value={text}
        onChange={(e) => setText(e.target.value)}
        aria-describedby={`${id}-limit${state?.error ? ` ${id}-error` : ""}`}
        aria-invalid={over || Boolean(state?.error) || undefined}
        className={styles.textarea}
      />
      <div className={styles.formFoot}>
        <span
          id={`${id}-limit`}
          className={over ? styles.limitOver : styles.limit}
        >
          {zh
            ? `${length} / ${COMMENT_MAX.toLocaleString("en")} 字`
            : `${length} / ${COMMENT_MAX.toLocaleString("en")} characters`}
        </span>
        <button
          type="submit"
          className={styles.submit}
          // Not disabled when over the limit: without JavaScript the text
          // could not be fixed; the API's 400 says what is wrong.
          disabled={pending}
        >
          {parentId ? (zh ? "回复" : "Reply") : zh ? "发布" : "Post"}
        </button>
      </div>
      {state?.error && (
        <p id={`${id}-error`} role="alert" className={styles.error}>
          {refusal(state, zh)}
        </p>
      )}
    </form>
  )
}

/** Why the comment was not posted, in the note's language. */
function refusal(state: NonNullable<CommentState>, zh: boolean): string {
  switch (state.error) {
    case "too_fast":
      return zh
        ? `评论太频繁了，请 ${state.retryAfter} 秒后再试。`
        : `You are commenting too fast: try again in ${state.retryAfter} s.`
    case "gone":
      return zh
        ? "这篇笔记或这条评论已不再显示。"
        : "This note or comment is no longer shown."
    default:
      // The API's message names the field (in English, as the API speaks).
      return state.message
        ? zh
          ? `无法发布：${state.message}`
          : state.message
        : zh
          ? "这条评论无法发布。"
          : "This comment cannot be posted."
  }
}
