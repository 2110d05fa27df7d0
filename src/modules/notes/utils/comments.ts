import { MedusaError, generateEntityId } from "@medusajs/framework/utils"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import type { NoteCommentDTO, NoteCommentStatus } from "../../../types/comments"
import { sqlPage } from "../../../utils/sql-page"

// The comment writes and reads of the notes module (`NotesModuleService`
// calls these inside its own transactions). Raw SQL for the row locks and
// the counter moves, which must share one transaction with the row.

export type { NoteCommentStatus }

export type NoteCommentRow = NoteCommentDTO

/** At most `max` new comments per customer within `window_seconds`. */
export type CommentRateLimit = { max: number; window_seconds: number }

/**
 * A customer wrote `max` comments within the window: the route answers 429
 * with `Retry-After: retry_after_seconds`. Matched by name (workflows hand
 * errors back as copies with their own properties).
 */
export class CommentRateLimited extends Error {
  readonly retry_after_seconds: number
  constructor(limit: CommentRateLimit, retryAfterSeconds: number) {
    super(
      `Too many comments: at most ${limit.max} in ${limit.window_seconds} seconds. Try again in ${retryAfterSeconds} seconds.`
    )
    this.name = "CommentRateLimited"
    this.retry_after_seconds = retryAfterSeconds
  }
}

export type CreateCommentInput = {
  note_id: string
  customer_id: string
  body: string
  parent_id?: string | null
}

export type CommentCountResult = {
  note_id: string
  /** The note's comments_count after the change. */
  comments_count: number
}

export type CreateCommentResult = CommentCountResult & {
  comment: NoteCommentRow
  /** The note's author (buyer), to mark the note author's own comments. */
  note_buyer_id: string | null
}

export type DeleteCommentInput = {
  note_id: string
  comment_id: string
  /** The logged-in customer. */
  customer_id: string
  /** Their buyer profile, if any: a note's author may delete its comments. */
  buyer_id: string | null
}

export type DeleteCommentResult = CommentCountResult & {
  comment_id: string
  /** Whether the comment counted (visible) when it was deleted. */
  was_visible: boolean
}

export type SetCommentStatusInput = {
  id: string
  status: NoteCommentStatus
  hidden_reason: string | null
  hidden_at: Date | string | null
}

export type SetCommentStatusResult = CommentCountResult & {
  id: string
  /** False when the comment already had this status and reason. */
  changed: boolean
  /** The comment's moderation fields before, so a compensation can put them back. */
  previous: SetCommentStatusInput
}

const COMMENT_COLUMNS = `id, note_id, customer_id, parent_id, body, status,
  hidden_reason, hidden_at, created_at, updated_at`

const SHOWN = `status = 'visible' AND deleted_at IS NULL`

const notFound = (what: string, id: string) =>
  new MedusaError(
    MedusaError.Types.NOT_FOUND,
    `${what} with id: ${id} was not found`
  )

type NoteLock = { status: string; author_listed: boolean; buyer_id: string }

/**
 * Locks the note row (`FOR UPDATE`): every change to one note's comments
 * queues here, so the counter and the visibility checks see each other's
 * committed writes. Refuses (404) a note the store does not show unless
 * `public_only` is off (moderation and compensations).
 */
async function lockNote(
  manager: SqlEntityManager,
  noteId: string,
  publicOnly: boolean
): Promise<NoteLock> {
  const [note] = (await manager.execute(
    `SELECT status, author_listed, buyer_id FROM note
     WHERE id = ? ${publicOnly ? "AND deleted_at IS NULL" : ""} FOR UPDATE`,
    [noteId]
  )) as NoteLock[]
  const shown = note?.status === "published" && note.author_listed
  if (!note || (publicOnly && !shown)) {
    throw notFound("Note", noteId)
  }
  return note
}

async function moveCount(
  manager: SqlEntityManager,
  noteId: string,
  delta: number
): Promise<number> {
  const [row] = (await manager.execute(
    delta
      ? `UPDATE note SET comments_count = comments_count + ? WHERE id = ? RETURNING comments_count`
      : `SELECT comments_count FROM note WHERE id = ?`,
    delta ? [delta, noteId] : [noteId]
  )) as { comments_count: number }[]
  return Number(row?.comments_count ?? 0)
}

/**
 * Writes a comment (or a reply) on a note the store shows.
 *
 * The customer's advisory lock comes first, so their comments are counted
 * one at a time across every process (the rate limit is exact: it counts
 * the table itself, deleted and hidden comments included, so deleting does
 * not buy new ones); then the note row lock, under which the parent is
 * checked (a parent hidden or deleted meanwhile is seen) and the counter
 * moves. `created_at` is the clock at insert time, not the transaction's
 * start, so the window measures when comments really landed.
 */
export async function createComment(
  manager: SqlEntityManager,
  input: CreateCommentInput,
  limit: CommentRateLimit
): Promise<CreateCommentResult> {
  await manager.execute(
    `SELECT pg_advisory_xact_lock(hashtextextended(?, 0))`,
    [`note_comment:${input.customer_id}`]
  )
  const note = await lockNote(manager, input.note_id, true)
  if (input.parent_id) {
    const [parent] = (await manager.execute(
      `SELECT id FROM note_comment
       WHERE id = ? AND note_id = ? AND parent_id IS NULL AND ${SHOWN}`,
      [input.parent_id, input.note_id]
    )) as { id: string }[]
    if (!parent) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        "parent_id: must be a visible top-level comment of this note (replies are one level deep)"
      )
    }
  }
  // The max-th newest comment in the window: while it is there, the
  // customer is at the limit; it leaves the window after `retry` seconds.
  const [blocking] = (await manager.execute(
    `SELECT greatest(1, ceil(extract(epoch FROM
         created_at + make_interval(secs => ?) - clock_timestamp())))::int AS retry
     FROM note_comment
     WHERE customer_id = ? AND created_at > clock_timestamp() - make_interval(secs => ?)
     ORDER BY created_at DESC OFFSET ? LIMIT 1`,
    [
      limit.window_seconds,
      input.customer_id,
      limit.window_seconds,
      limit.max - 1,
    ]
  )) as { retry: number }[]
  if (blocking) {
    throw new CommentRateLimited(limit, Number(blocking.retry))
  }
  const [comment] = (await manager.execute(
    `INSERT INTO note_comment (id, note_id, customer_id, parent_id, body, status, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 'visible', clock_timestamp(), clock_timestamp())
     RETURNING ${COMMENT_COLUMNS}`,
    [
      generateEntityId(undefined, "ncmt"),
      input.note_id,
      input.customer_id,
      input.parent_id ?? null,
      input.body,
    ]
  )) as NoteCommentRow[]
  return {
    note_id: input.note_id,
    comment,
    note_buyer_id: note.buyer_id ?? null,
    comments_count: await moveCount(manager, input.note_id, 1),
  }
}

/**
 * Soft-deletes a comment for its author or for the note's author (the
 * buyer who wrote the note). Anyone else, a comment already deleted or one
 * of another note: 404, the same answer as for a comment that never
 * existed, so nothing is learnt about comments one cannot delete. Replies
 * of a deleted comment stay (the thread shows the parent as removed).
 */
export async function deleteComment(
  manager: SqlEntityManager,
  input: DeleteCommentInput
): Promise<DeleteCommentResult> {
  const note = await lockNote(manager, input.note_id, true)
  const [comment] = (await manager.execute(
    `SELECT customer_id, status FROM note_comment
     WHERE id = ? AND note_id = ? AND deleted_at IS NULL`,
    [input.comment_id, input.note_id]
  )) as { customer_id: string; status: NoteCommentStatus }[]
  const allowed =
    !!comment &&
    (comment.customer_id === input.customer_id ||
      (!!input.buyer_id && note.buyer_id === input.buyer_id))
  if (!allowed) {
    throw notFound("Comment", input.comment_id)
  }
  await manager.execute(
    `UPDATE note_comment SET deleted_at = clock_timestamp() WHERE id = ?`,
    [input.comment_id]
  )
  const wasVisible = comment.status === "visible"
  return {
    note_id: input.note_id,
    comment_id: input.comment_id,
    was_visible: wasVisible,
    comments_count: await moveCount(
      manager,
      input.note_id,
      wasVisible ? -1 : 0
    ),
  }
}

async function noteOfComment(
  manager: SqlEntityManager,
  id: string,
  live: boolean
): Promise<string> {
  const [row] = (await manager.execute(
    `SELECT note_id FROM note_comment WHERE id = ? ${live ? "AND deleted_at IS NULL" : ""}`,
    [id]
  )) as { note_id: string }[]
  if (!row) {
    throw notFound("Comment", id)
  }
  return row.note_id
}

/** Removes a comment `createComment` wrote (a compensation). */
export async function undoCreateComment(
  manager: SqlEntityManager,
  id: string
): Promise<void> {
  const [row] = (await manager.execute(
    `SELECT note_id FROM note_comment WHERE id = ?`,
    [id]
  )) as { note_id: string }[]
  if (!row) {
    return
  }
  await lockNote(manager, row.note_id, false)
  const [gone] = (await manager.execute(
    `DELETE FROM note_comment WHERE id = ?
     RETURNING (${SHOWN}) AS counted`,
    [id]
  )) as { counted: boolean }[]
  if (gone?.counted) {
    await moveCount(manager, row.note_id, -1)
  }
}

/** Brings back a comment `deleteComment` deleted (a compensation). */
export async function undoDeleteComment(
  manager: SqlEntityManager,
  id: string
): Promise<void> {
  const noteId = await noteOfComment(manager, id, false)
  await lockNote(manager, noteId, false)
  const [back] = (await manager.execute(
    `UPDATE note_comment SET deleted_at = NULL
     WHERE id = ? AND deleted_at IS NOT NULL RETURNING status`,
    [id]
  )) as { status: NoteCommentStatus }[]
  if (back?.status === "visible") {
    await moveCount(manager, noteId, 1)
  }
}

/**
 * Moderation: sets a live comment's status (hide with a reason, restore),
 * on any note. Idempotent: the same status and reason again changes
 * nothing; the counter moves only when visibility changes, under the note
 * row lock. Returns the previous fields for the compensation.
 */
export async function setCommentStatus(
  manager: SqlEntityManager,
  input: SetCommentStatusInput
): Promise<SetCommentStatusResult> {
  const noteId = await noteOfComment(manager, input.id, true)
  await lockNote(manager, noteId, false)
  const [current] = (await manager.execute(
    `SELECT status, hidden_reason, hidden_at FROM note_comment
     WHERE id = ? AND deleted_at IS NULL`,
    [input.id]
  )) as SetCommentStatusInput[]
  if (!current) {
    throw notFound("Comment", input.id)
  }
  const previous = { ...current, id: input.id }
  const changed =
    current.status !== input.status ||
    current.hidden_reason !== input.hidden_reason
  if (changed) {
    // A new reason on a hidden comment keeps the time it was first hidden.
    const hiddenAt =
      input.status === current.status ? current.hidden_at : input.hidden_at
    await manager.execute(
      `UPDATE note_comment SET status = ?, hidden_reason = ?, hidden_at = ?, updated_at = clock_timestamp()
       WHERE id = ?`,
      [input.status, input.hidden_reason, hiddenAt, input.id]
    )
  }
  const delta =
    current.status === input.status ? 0 : input.status === "visible" ? 1 : -1
  return {
    id: input.id,
    note_id: noteId,
    changed,
    previous,
    comments_count: await moveCount(manager, noteId, delta),
  }
}

/** Replies a page of threads shows under each top-level comment. */
export const REPLIES_PREVIEW = 3

export type CommentThread = {
  comment: NoteCommentRow
  /** False for a deleted or hidden comment kept as a placeholder for its replies. */
  shown: boolean
  /** The first `REPLIES_PREVIEW` visible replies, oldest first. */
  replies: NoteCommentRow[]
  /** All its visible replies (`listReplies` pages them). */
  replies_count: number
}

export type CommentThreadsPage = {
  threads: CommentThread[]
  count: number
  /** The note's author, whose customer may delete any of its comments. */
  buyer_id: string | null
  comments_count: number
}

/** A note the store shows (published, author listed), else 404. */
async function readableNote(
  manager: SqlEntityManager,
  noteId: string
): Promise<NoteLock & { comments_count: number }> {
  const [note] = (await manager.execute(
    `SELECT status, author_listed, buyer_id, comments_count FROM note
     WHERE id = ? AND deleted_at IS NULL`,
    [noteId]
  )) as (NoteLock & { comments_count: number })[]
  if (!note || note.status !== "published" || !note.author_listed) {
    throw notFound("Note", noteId)
  }
  return note
}

export type CommentRepliesPage = {
  replies: NoteCommentRow[]
  /** The parent's visible replies. */
  count: number
  buyer_id: string | null
  comments_count: number
}

/**
 * A page of one top-level comment's visible replies, oldest first. The
 * parent must be a top-level comment of this public note (a deleted or
 * hidden one too: its replies stay readable under the placeholder), else
 * 404.
 */
export async function listReplies(
  manager: SqlEntityManager,
  noteId: string,
  parentId: string,
  page: { limit: number; offset: number }
): Promise<CommentRepliesPage> {
  const note = await readableNote(manager, noteId)
  const [parent] = (await manager.execute(
    `SELECT id FROM note_comment
     WHERE id = ? AND note_id = ? AND parent_id IS NULL`,
    [parentId, noteId]
  )) as { id: string }[]
  if (!parent) {
    throw notFound("Comment", parentId)
  }
  const { rows, count } = await sqlPage<NoteCommentRow>(
    manager,
    {
      select: COMMENT_COLUMNS,
      from: `FROM note_comment WHERE note_id = ? AND parent_id = ? AND ${SHOWN}`,
      order: "created_at, id",
      params: [noteId, parentId],
    },
    page
  )
  return {
    replies: rows,
    count,
    buyer_id: note.buyer_id ?? null,
    comments_count: Number(note.comments_count),
  }
}

/**
 * A page of a public note's thread: top-level comments newest first, each
 * with its visible replies oldest first. A top-level comment that was
 * deleted or hidden is left out, unless it has visible replies: then it
 * stays as a placeholder (`shown: false`) so the replies keep their
 * context. `count` is the number of top-level entries (placeholders too).
 */
export async function listThreads(
  manager: SqlEntityManager,
  noteId: string,
  page: { limit: number; offset: number }
): Promise<CommentThreadsPage> {
  const note = await readableNote(manager, noteId)
  const top = `FROM note_comment c
    WHERE c.note_id = ? AND c.parent_id IS NULL
      AND ((c.status = 'visible' AND c.deleted_at IS NULL) OR EXISTS (
        SELECT 1 FROM note_comment r
        WHERE r.note_id = c.note_id AND r.parent_id = c.id
          AND r.status = 'visible' AND r.deleted_at IS NULL))`
  const [counted] = (await manager.execute(`SELECT count(*)::int AS n ${top}`, [
    noteId,
  ])) as { n: number }[]
  const rows = (await manager.execute(
    `SELECT ${COMMENT_COLUMNS.replace(/(\w+)/g, "c.$1")},
       (c.status = 'visible' AND c.deleted_at IS NULL) AS shown
     ${top} ORDER BY c.created_at DESC, c.id DESC LIMIT ? OFFSET ?`,
    [noteId, page.limit, page.offset]
  )) as (NoteCommentRow & { shown: boolean })[]
  // Each thread's first replies and its reply count, in one read.
  const replies = rows.length
    ? ((await manager.execute(
        `SELECT * FROM (
           SELECT ${COMMENT_COLUMNS},
             row_number() OVER (PARTITION BY parent_id ORDER BY created_at, id) AS rn,
             count(*) OVER (PARTITION BY parent_id)::int AS total
           FROM note_comment
           WHERE note_id = ? AND parent_id IN (?) AND ${SHOWN}
         ) r WHERE rn <= ? ORDER BY created_at, id`,
        [noteId, rows.map((r) => r.id), REPLIES_PREVIEW]
      )) as (NoteCommentRow & { rn: number; total: number })[])
    : []
  return {
    threads: rows.map(({ shown, ...comment }) => {
      const mine = replies.filter((r) => r.parent_id === comment.id)
      return {
        comment,
        shown,
        replies: mine.map(({ rn: _rn, total: _total, ...r }) => r),
        replies_count: mine.length ? Number(mine[0].total) : 0,
      }
    }),
    count: Number(counted.n),
    buyer_id: note.buyer_id ?? null,
    comments_count: Number(note.comments_count),
  }
}

export type ModerationFilters = {
  id?: string
  note_id?: string
  buyer_id?: string
  customer_id?: string
  status?: NoteCommentStatus
  q?: string
  created_from?: Date
  created_to?: Date
  limit: number
  offset: number
}

export type ModerationRow = NoteCommentRow & {
  note_title: string | null
  note_buyer_id: string | null
}

/**
 * Live (undeleted) comments for moderation, newest first, with their
 * note's title and author. `q` matches the body, case-insensitively, as a
 * literal substring.
 */
export async function listForModeration(
  manager: SqlEntityManager,
  f: ModerationFilters
): Promise<{ rows: ModerationRow[]; count: number }> {
  const where = ["c.deleted_at IS NULL"]
  const bindings: unknown[] = []
  const add = (clause: string, value: unknown) => {
    where.push(clause)
    bindings.push(value)
  }
  if (f.id) add("c.id = ?", f.id)
  if (f.note_id) add("c.note_id = ?", f.note_id)
  if (f.buyer_id) add("n.buyer_id = ?", f.buyer_id)
  if (f.customer_id) add("c.customer_id = ?", f.customer_id)
  if (f.status) add("c.status = ?", f.status)
  if (f.q) {
    add(
      "c.body ILIKE ? ESCAPE '\\'",
      `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`
    )
  }
  if (f.created_from) add("c.created_at >= ?", f.created_from)
  if (f.created_to) add("c.created_at <= ?", f.created_to)
  const from = `FROM note_comment c LEFT JOIN note n ON n.id = c.note_id
    WHERE ${where.join(" AND ")}`
  const [counted] = (await manager.execute(
    `SELECT count(*)::int AS n ${from}`,
    bindings
  )) as { n: number }[]
  const rows = (await manager.execute(
    `SELECT ${COMMENT_COLUMNS.replace(/(\w+)/g, "c.$1")},
       n.title AS note_title, n.buyer_id AS note_buyer_id
     ${from} ORDER BY c.created_at DESC, c.id DESC LIMIT ? OFFSET ?`,
    [...bindings, f.limit, f.offset]
  )) as ModerationRow[]
  return { rows, count: Number(counted.n) }
}
