import {
  ContainerRegistrationKeys,
  MedusaError,
} from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { NOTES_MODULE } from "../../modules/notes"
import type NotesModuleService from "../../modules/notes/service"
import type {
  CommentRepliesPage,
  CommentThreadsPage,
  ModerationRow,
  NoteCommentRow,
} from "../../modules/notes/utils/comments"
import type {
  AdminNoteComment,
  StoreNoteComment,
  StoreNoteCommentThread,
} from "../../types"

type Commenter = {
  first_name: string | null
  email: string | null
  buyer: { id: string; handle: string; display_name: string } | null
}

/**
 * The commenters' names, by customer id: the customer's first name and
 * e-mail, and their buyer profile when it is approved (a buyer comments
 * under their public name). Two reads for the whole page.
 */
export async function fetchCommenters(
  scope: MedusaContainer,
  customerIds: string[]
): Promise<Map<string, Commenter>> {
  const ids = [...new Set(customerIds)]
  const out = new Map<string, Commenter>()
  if (!ids.length) {
    return out
  }
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const [{ data: customers }, { data: buyers }] = await Promise.all([
    query.graph({
      entity: "customer",
      fields: ["id", "first_name", "email"],
      filters: { id: ids },
    }),
    query.graph({
      entity: "buyer",
      fields: ["id", "customer_id", "handle", "display_name", "status"],
      filters: { customer_id: ids },
    }),
  ])
  const approved = new Map(
    (
      buyers as {
        id: string
        customer_id: string
        handle: string
        display_name: string
        status: string
      }[]
    )
      .filter((b) => b.status === "approved")
      .map((b) => [b.customer_id, b])
  )
  for (const c of customers as {
    id: string
    first_name: string | null
    email: string | null
  }[]) {
    const buyer = approved.get(c.id)
    out.set(c.id, {
      first_name: c.first_name?.trim() || null,
      email: c.email ?? null,
      buyer: buyer
        ? {
            id: buyer.id,
            handle: buyer.handle,
            display_name: buyer.display_name,
          }
        : null,
    })
  }
  return out
}

/** The reader's customer id and the note author's, to say what they may delete. */
export type CommentReader = {
  customer_id: string
  /** The reader wrote the note (their buyer is its author). */
  is_note_author: boolean
}

function storeComment(
  row: NoteCommentRow,
  shown: boolean,
  people: Map<string, Commenter>,
  noteBuyerId: string | null,
  reader: CommentReader | null
): StoreNoteComment {
  const person = people.get(row.customer_id)
  return {
    id: row.id,
    note_id: row.note_id,
    parent_id: row.parent_id,
    body: shown ? row.body : null,
    removed: !shown,
    author: shown
      ? {
          display_name:
            person?.buyer?.display_name ?? person?.first_name ?? null,
          buyer_handle: person?.buyer?.handle ?? null,
          is_note_author: !!noteBuyerId && person?.buyer?.id === noteBuyerId,
        }
      : null,
    created_at: row.created_at,
    ...(reader && shown
      ? {
          can_delete:
            reader.is_note_author || reader.customer_id === row.customer_id,
        }
      : reader
        ? { can_delete: false }
        : {}),
  }
}

/** A comment just written, as the store answers its author. */
export async function toStoreComment(
  scope: MedusaContainer,
  row: NoteCommentRow,
  noteBuyerId: string | null
): Promise<StoreNoteComment> {
  const people = await fetchCommenters(scope, [row.customer_id])
  return storeComment(row, true, people, noteBuyerId, {
    customer_id: row.customer_id,
    is_note_author: false,
  })
}

/** The commenters of `rows` and the reader (may they delete?), in one read. */
async function commentPeople(
  scope: MedusaContainer,
  rows: NoteCommentRow[],
  noteBuyerId: string | null,
  readerCustomerId: string | undefined
): Promise<{ people: Map<string, Commenter>; reader: CommentReader | null }> {
  const people = await fetchCommenters(scope, [
    ...rows.map((r) => r.customer_id),
    ...(readerCustomerId ? [readerCustomerId] : []),
  ])
  const reader: CommentReader | null = readerCustomerId
    ? {
        customer_id: readerCustomerId,
        is_note_author:
          !!noteBuyerId &&
          people.get(readerCustomerId)?.buyer?.id === noteBuyerId,
      }
    : null
  return { people, reader }
}

/** A page of a note's thread as the store shows it. */
export async function toStoreThreads(
  scope: MedusaContainer,
  page: CommentThreadsPage,
  readerCustomerId: string | undefined
): Promise<StoreNoteCommentThread[]> {
  const { people, reader } = await commentPeople(
    scope,
    page.threads.flatMap((t) => [t.comment, ...t.replies]),
    page.buyer_id,
    readerCustomerId
  )
  return page.threads.map((t) => ({
    ...storeComment(t.comment, t.shown, people, page.buyer_id, reader),
    replies: t.replies.map((r) =>
      storeComment(r, true, people, page.buyer_id, reader)
    ),
    replies_count: t.replies_count,
  }))
}

/** A page of one comment's replies as the store shows it. */
export async function toStoreReplies(
  scope: MedusaContainer,
  page: CommentRepliesPage,
  readerCustomerId: string | undefined
): Promise<StoreNoteComment[]> {
  const { people, reader } = await commentPeople(
    scope,
    page.replies,
    page.buyer_id,
    readerCustomerId
  )
  return page.replies.map((r) =>
    storeComment(r, true, people, page.buyer_id, reader)
  )
}

/** Comments as moderation sees them (with the commenter's e-mail). */
export async function toAdminComments(
  scope: MedusaContainer,
  rows: ModerationRow[]
): Promise<AdminNoteComment[]> {
  const people = await fetchCommenters(
    scope,
    rows.map((r) => r.customer_id)
  )
  return rows.map((r) => {
    const person = people.get(r.customer_id)
    return {
      id: r.id,
      note_id: r.note_id,
      parent_id: r.parent_id,
      customer_id: r.customer_id,
      body: r.body,
      status: r.status,
      hidden_reason: r.hidden_reason,
      hidden_at: r.hidden_at,
      created_at: r.created_at,
      updated_at: r.updated_at,
      note: {
        id: r.note_id,
        title: r.note_title,
        buyer_id: r.note_buyer_id,
      },
      author: {
        display_name: person?.buyer?.display_name ?? person?.first_name ?? null,
        email: person?.email ?? null,
        buyer_id: person?.buyer?.id ?? null,
        buyer_handle: person?.buyer?.handle ?? null,
      },
    }
  })
}

/** One live comment as moderation sees it; 404 if deleted or unknown. */
export async function fetchAdminComment(
  scope: MedusaContainer,
  id: string
): Promise<AdminNoteComment> {
  const service = scope.resolve<NotesModuleService>(NOTES_MODULE)
  const { rows } = await service.listCommentsForModeration({
    id,
    limit: 1,
    offset: 0,
  })
  if (!rows.length) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `Comment with id: ${id} was not found`
    )
  }
  return (await toAdminComments(scope, rows))[0]
}
