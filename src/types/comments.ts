// Comments on notes (issue 15). Pure types: the client and the admin take
// them too.

export type NoteCommentStatus = "visible" | "hidden"

/**
 * Who wrote a comment, as the store shows them: never their e-mail. The
 * name is the buyer's display name when the commenter is an approved
 * buyer, else the customer's first name; null when the customer gave none
 * (a storefront shows its own label, e.g. "Reader").
 */
export type StoreNoteCommentAuthor = {
  display_name: string | null
  /** The commenter's buyer handle, when they are an approved buyer. */
  buyer_handle: string | null
  /** The commenter wrote the note. */
  is_note_author: boolean
}

export type StoreNoteComment = {
  id: string
  note_id: string
  parent_id: string | null
  /** Plain text (render it as text, never as HTML); null when `removed`. */
  body: string | null
  /**
   * A top-level comment deleted or hidden whose replies are still shown:
   * kept as a placeholder, without body or author.
   */
  removed: boolean
  author: StoreNoteCommentAuthor | null
  created_at: Date | string
  /** Present for a logged-in reader: they wrote it, or they wrote the note. */
  can_delete?: boolean
}

export type StoreNoteCommentThread = StoreNoteComment & {
  /** Its first 3 visible replies, oldest first. */
  replies: StoreNoteComment[]
  /** All its visible replies: page them with `?parent_id=`. */
  replies_count: number
}

/** `GET /store/notes/{id}/comments`. */
export type StoreNoteCommentsResponse = {
  comments: StoreNoteCommentThread[]
  /** Top-level entries (placeholders included). */
  count: number
  limit: number
  offset: number
  /** The note's visible comments, replies included. */
  comments_count: number
}

/** `GET /store/notes/{id}/comments?parent_id=`: one comment's replies. */
export type StoreNoteCommentRepliesResponse = {
  parent_id: string
  /** Visible replies, oldest first. */
  comments: StoreNoteComment[]
  /** The parent's visible replies. */
  count: number
  limit: number
  offset: number
  comments_count: number
}

/** `POST /store/notes/{id}/comments`. */
export type StoreNoteCommentResponse = {
  comment: StoreNoteComment
  comments_count: number
}

/** `DELETE /store/notes/{id}/comments/{comment_id}`. */
export type StoreNoteCommentDeleteResponse = {
  id: string
  object: "note_comment"
  deleted: true
  comments_count: number
}

/** A `note_comment` row (live: deleted rows are never answered). */
export type NoteCommentDTO = {
  id: string
  note_id: string
  customer_id: string
  parent_id: string | null
  body: string
  status: NoteCommentStatus
  hidden_reason: string | null
  hidden_at: Date | string | null
  created_at: Date | string
  updated_at: Date | string
}

/** A comment as moderation sees it. */
export type AdminNoteComment = NoteCommentDTO & {
  note: { id: string; title: string | null; buyer_id: string | null }
  author: {
    display_name: string | null
    email: string | null
    buyer_id: string | null
    buyer_handle: string | null
  }
}

/** `GET /admin/note-comments`, newest first. */
export type AdminNoteCommentsResponse = {
  comments: AdminNoteComment[]
  count: number
  limit: number
  offset: number
}

/** `POST /admin/note-comments/{id}/hide|restore`. */
export type AdminNoteCommentResponse = {
  comment: AdminNoteComment
  /** The note's visible comments after the change. */
  comments_count: number
}
