"use server"

import { revalidatePath } from "next/cache"
import { redirect } from "next/navigation"
import { getAuthHeaders, loginHref } from "@/lib/auth"
import {
  REPLIES_PAGE,
  deleteComment,
  getReplies,
  postComment,
  retryAfterSeconds,
  setReaction,
} from "@/lib/community"
import { httpStatus } from "@/lib/medusa"

/** Note ids as the API makes them (`note_…`): anything else goes home. */
const NOTE_ID = /^[A-Za-z0-9_]{1,64}$/

function noteFrom(formData: FormData): string {
  const id = String(formData.get("note_id") ?? "")
  if (!NOTE_ID.test(id)) {
    redirect("/")
  }
  return id
}

const notePage = (id: string) => `/notes/${id}`

/** The customer's token, or a redirect to log in and come back to `back`. */
async function authorization(back: string): Promise<string> {
  const auth = await getAuthHeaders()
  if (!auth.authorization) {
    redirect(loginHref(back))
  }
  return auth.authorization
}

/**
 * The Like and Save buttons' form (works without JavaScript): `kind` like
 * or save, `on` 1 or 0. Logged out (or an expired login) it goes to the
 * login page, which comes back to the note.
 */
export async function react(formData: FormData): Promise<void> {
  const id = noteFrom(formData)
  const kind = formData.get("kind") === "save" ? "save" : "like"
  const page = notePage(id)
  const auth = await authorization(page)
  try {
    await setReaction(id, kind, formData.get("on") === "1", auth)
  } catch (e) {
    const status = httpStatus(e)
    if (status === 401) {
      redirect(loginHref(page))
    }
    // The note was taken down meanwhile: its page says so.
    if (status !== 404) {
      throw e
    }
  }
  revalidatePath(page)
  redirect(page)
}

/**
 * What the comment form shows after a failed post: the form words it in
 * the note's language (`invalid` shows the API's message, which names the
 * field).
 */
export type CommentState = {
  error: "invalid" | "too_fast" | "gone"
  /** The API's message (a 400's names the field). */
  message?: string
  /** The text typed, kept so that nothing is lost. */
  body: string
  /** Seconds to wait after a 429 (the API's `retry_after_seconds`). */
  retryAfter?: number
} | null

/**
 * The comment and reply forms' action (`useActionState`, also without
 * JavaScript): posts the comment, then shows the note at the new comment.
 * The API's 400 message (it names the field) and the 429's wait come back
 * to the form.
 */
export async function comment(
  _prev: CommentState,
  formData: FormData
): Promise<CommentState> {
  const id = noteFrom(formData)
  const page = notePage(id)
  const auth = await authorization(`${page}#comments`)
  const body = String(formData.get("body") ?? "")
  const parent = String(formData.get("parent_id") ?? "")
  let created: string
  try {
    const { comment } = await postComment(
      id,
      { body, ...(parent ? { parent_id: parent } : {}) },
      auth
    )
    created = comment.id
  } catch (e) {
    const status = httpStatus(e)
    if (status === 401) {
      redirect(loginHref(`${page}#comments`))
    }
    if (status === 429) {
      // No typed wait in the answer (a proxy's 429): a minute.
      return { body, error: "too_fast", retryAfter: retryAfterSeconds(e) ?? 60 }
    }
    if (status === 400) {
      return { body, error: "invalid", message: apiMessage(e) }
    }
    if (status === 404) {
      return { body, error: "gone" }
    }
    throw e
  }
  revalidatePath(page)
  if (!parent) {
    redirect(`${page}#comment-${created}`)
  }
  // A reply may be past the thread's first replies: open the thread at the
  // page of replies that holds it (the last one).
  const replies = await getReplies(id, parent, 0).catch(() => null)
  const last = replies
    ? Math.floor(Math.max(0, replies.count - 1) / REPLIES_PAGE) * REPLIES_PAGE
    : 0
  redirect(
    `${page}?thread=${encodeURIComponent(parent)}${
      last > 0 ? `&replies=${last}` : ""
    }#comment-${created}`
  )
}

/** Deletes one of the reader's comments (or any, on their own note). */
export async function removeComment(formData: FormData): Promise<void> {
  const id = noteFrom(formData)
  const page = notePage(id)
  const auth = await authorization(`${page}#comments`)
  const commentId = String(formData.get("comment_id") ?? "")
  try {
    await deleteComment(id, commentId, auth)
  } catch (e) {
    const status = httpStatus(e)
    if (status === 401) {
      redirect(loginHref(`${page}#comments`))
    }
    // Already gone, or not the reader's to delete: the list shows what is.
    if (status !== 404) {
      throw e
    }
  }
  revalidatePath(page)
  redirect(`${page}#comments`)
}

/** The SDK's error keeps the API's JSON message. */
function apiMessage(e: unknown): string | undefined {
  const m = (e as { message?: unknown } | null)?.message
  return typeof m === "string" && m ? m : undefined
}
