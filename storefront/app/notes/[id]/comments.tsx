import { loginHref } from "@/lib/auth"
import {
  COMMENTS_PAGE,
  REPLIES_PAGE,
  getComments,
  getReplies,
  type Comment,
  type CommentThread,
} from "@/lib/community"
import { removeComment } from "./actions"
import { CommentForm } from "./comment-form"
import styles from "./community.module.css"
import noteStyles from "./note.module.css"

/**
 * The note's comments, rendered on the server: the count, the form (or,
 * logged out, a link to log in that comes back here), top-level comments
 * newest first with their replies, Reply on a top-level comment (a native
 * disclosure: no JavaScript needed) and Delete where the API says the
 * reader may (`can_delete`: their own comment, or any on their own note).
 */
export async function Comments({
  noteId,
  loggedIn,
  offset,
  thread: opened,
  locale,
}: {
  noteId: string
  loggedIn: boolean
  offset: number
  /** A thread opened to all its replies, from its `offset`. */
  thread: { id: string; offset: number } | null
  locale: string | null
}) {
  const page = await getComments(noteId, offset)
  if (!page) {
    return null
  }
  const openedReplies =
    opened && page.comments.some((t) => t.id === opened.id)
      ? await getReplies(noteId, opened.id, opened.offset)
      : null
  const zh = Boolean(locale?.startsWith("zh"))
  const now = Date.now()
  const more = offset + page.comments.length < page.count
  return (
    <section
      id="comments"
      className={styles.comments}
      aria-labelledby="comments-title"
    >
      <h2 id="comments-title" className={noteStyles.productsTitle}>
        {zh ? "评论" : "Comments"}{" "}
        <span className={styles.total} data-testid="comments-count">
          {page.comments_count}
        </span>
      </h2>
      {loggedIn ? (
        <CommentForm
          key={`top-${page.comments_count}`}
          noteId={noteId}
          zh={zh}
        />
      ) : (
        <p className={styles.login}>
          <a href={loginHref(`/notes/${noteId}#comments`)}>
            {zh ? "登录后发表评论" : "Log in to comment"}
          </a>
        </p>
      )}
      {page.comments.length === 0 ? (
        <p className={styles.empty}>
          {offset > 0
            ? zh
              ? "没有更早的评论了。"
              : "No older comments."
            : zh
              ? "还没有评论，来说第一句吧。"
              : "No comments yet. Be the first."}
        </p>
      ) : (
        <ol className={styles.list}>
          {page.comments.map((thread) => (
            <Thread
              key={thread.id}
              thread={thread}
              opened={
                openedReplies?.parent_id === thread.id ? openedReplies : null
              }
              commentsOffset={offset}
              noteId={noteId}
              loggedIn={loggedIn}
              zh={zh}
              now={now}
              locale={locale}
              formKey={page.comments_count}
            />
          ))}
        </ol>
      )}
      {(offset > 0 || more) && (
        <nav
          className={styles.pager}
          aria-label={zh ? "评论分页" : "Comment pages"}
        >
          {offset > 0 && (
            <a
              href={`/notes/${noteId}${
                offset - COMMENTS_PAGE > 0
                  ? `?comments=${offset - COMMENTS_PAGE}`
                  : ""
              }#comments`}
            >
              {zh ? "较新的评论" : "Newer comments"}
            </a>
          )}
          {more && (
            <a
              href={`/notes/${noteId}?comments=${offset + COMMENTS_PAGE}#comments`}
            >
              {zh ? "更早的评论" : "Older comments"}
            </a>
          )}
        </nav>
      )}
    </section>
  )
}

type Ctx = {
  noteId: string
  zh: boolean
  now: number
  locale: string | null
}

/** The note page at a comments page, a thread opened from `replies`. */
function commentsHref(
  noteId: string,
  commentsOffset: number,
  thread?: { id: string; offset: number }
): string {
  const params = new URLSearchParams()
  if (commentsOffset > 0) {
    params.set("comments", String(commentsOffset))
  }
  if (thread) {
    params.set("thread", thread.id)
    if (thread.offset > 0) {
      params.set("replies", String(thread.offset))
    }
  }
  const search = params.toString()
  return `/notes/${noteId}${search ? `?${search}` : ""}#${
    thread ? `comment-${thread.id}` : "comments"
  }`
}

function Thread({
  thread,
  opened,
  commentsOffset,
  loggedIn,
  formKey,
  ...ctx
}: Ctx & {
  thread: CommentThread
  /** This thread's replies page, when the reader opened it. */
  opened: { comments: Comment[]; count: number; offset: number } | null
  commentsOffset: number
  loggedIn: boolean
  formKey: number
}) {
  const name = authorName(thread, ctx.zh)
  const { zh } = ctx
  const replies = opened ? opened.comments : thread.replies
  const shownFrom = opened ? opened.offset : 0
  const shownTo = shownFrom + replies.length
  const total = opened ? opened.count : thread.replies_count
  return (
    <li className={styles.thread}>
      <CommentBody comment={thread} {...ctx} />
      {!thread.removed && loggedIn && (
        // Keyed by the count: after a reply is posted it shows closed again.
        <details key={`reply-${formKey}`} className={styles.reply}>
          <summary>{ctx.zh ? "回复" : "Reply"}</summary>
          <CommentForm
            noteId={ctx.noteId}
            parentId={thread.id}
            replyTo={name}
            zh={ctx.zh}
          />
        </details>
      )}
      {shownFrom > 0 && (
        <p className={styles.moreReplies}>
          <a
            href={commentsHref(ctx.noteId, commentsOffset, {
              id: thread.id,
              offset: Math.max(0, shownFrom - REPLIES_PAGE),
            })}
          >
            {zh ? "较早的回复" : "Earlier replies"}
          </a>
        </p>
      )}
      {replies.length > 0 && (
        <ol
          className={styles.replies}
          aria-label={
            thread.removed
              ? ctx.zh
                ? "回复"
                : "Replies"
              : ctx.zh
                ? `回复 ${name}`
                : `Replies to ${name}`
          }
        >
          {replies.map((r) => (
            <li key={r.id}>
              <CommentBody comment={r} {...ctx} />
            </li>
          ))}
        </ol>
      )}
      {shownTo < total && (
        <p className={styles.moreReplies}>
          <a
            href={commentsHref(ctx.noteId, commentsOffset, {
              id: thread.id,
              offset: opened ? shownTo : 0,
            })}
          >
            {opened
              ? zh
                ? `更多回复（还有 ${total - shownTo} 条）`
                : `More replies (${total - shownTo} more)`
              : zh
                ? `查看全部 ${total} 条回复`
                : `View all ${total} replies`}
          </a>
        </p>
      )}
    </li>
  )
}

function CommentBody({
  comment: c,
  noteId,
  zh,
  now,
  locale,
}: Ctx & { comment: Comment }) {
  if (c.removed) {
    return (
      <article id={`comment-${c.id}`} className={styles.comment}>
        <p className={styles.removed}>
          {zh ? "该评论已删除。" : "This comment was removed."}
        </p>
      </article>
    )
  }
  const name = authorName(c, zh)
  const handle = c.author?.buyer_handle
  return (
    <article
      id={`comment-${c.id}`}
      className={styles.comment}
      aria-label={zh ? `${name} 的评论` : `Comment by ${name}`}
    >
      <header className={styles.meta}>
        {handle ? (
          <a
            href={`/buyers/${encodeURIComponent(handle)}`}
            className={styles.name}
          >
            {name}
          </a>
        ) : (
          <span className={styles.name}>{name}</span>
        )}
        {c.author?.is_note_author && (
          <span className={styles.badge}>{zh ? "作者" : "Author"}</span>
        )}
        <time
          dateTime={String(c.created_at)}
          title={absolute(c.created_at, locale)}
          className={styles.when}
        >
          {relative(c.created_at, now, zh)}
        </time>
      </header>
      {/* Plain text from the API: rendered as text, line breaks kept by CSS. */}
      <p className={styles.text}>{c.body}</p>
      {c.can_delete && (
        <form action={removeComment} className={styles.deleteForm}>
          <input type="hidden" name="note_id" value={noteId} />
          <input type="hidden" name="comment_id" value={c.id} />
          <button
            type="submit"
            className={styles.delete}
            aria-label={
              zh ? `删除 ${name} 的评论` : `Delete comment by ${name}`
            }
          >
            {zh ? "删除" : "Delete"}
          </button>
        </form>
      )}
    </article>
  )
}

function authorName(c: Comment, zh: boolean): string {
  return c.author?.display_name || (zh ? "读者" : "Reader")
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 86400],
  ["month", 30 * 86400],
  ["week", 7 * 86400],
  ["day", 86400],
  ["hour", 3600],
  ["minute", 60],
]

/** "5 minutes ago", "just now", in the note's language. */
function relative(at: string | Date, now: number, zh: boolean): string {
  const seconds = Math.max(0, (now - new Date(at).getTime()) / 1000)
  const fmt = new Intl.RelativeTimeFormat(zh ? "zh-CN" : "en", {
    numeric: "auto",
  })
  for (const [unit, size] of UNITS) {
    if (seconds >= size) {
      return fmt.format(-Math.floor(seconds / size), unit)
    }
  }
  return zh ? "刚刚" : "just now"
}

/** The exact date and time, in UTC (the server renders it). */
function absolute(at: string | Date, locale: string | null): string {
  return new Date(at).toLocaleString(locale ?? "en", {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: "UTC",
    timeZoneName: "short",
  })
}
