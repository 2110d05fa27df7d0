"use server"

import { revalidatePath } from "next/cache"
import { redirect } from "next/navigation"
import { getAuthHeaders, loginHref } from "@/lib/auth"
import { deleteComment, postComment, setReaction } from "@/lib/community"
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

/** What the comment form shows after a failed post. */
export type CommentState = {
  error?: string
  /** The text typed, kept so that nothing is lost. */
  body?: string
  /** Seconds to wait after a 429. */
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
      const retryAfter = retrySeconds(e)
      return {
        body,
        retryAfter,
        error: `You are commenting too fast: try again in ${retryAfter} s.`,
      }
    }
    if (status === 400) {
      return { body, error: apiMessage(e) ?? "This comment cannot be posted." }
    }
    if (status === 404) {
      return { body, error: "This note or comment is no longer shown." }
    }
    throw e
  }
  revalidatePath(page)
  redirect(`${page}#comment-${created}`)
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

/**
 * The wait the 429 asks for. The SDK's error keeps only the message, not
 * the `Retry-After` header nor `retry_after_seconds`; the message ends
 * "Try again in N seconds." A message without it: a minute.
 */
function retrySeconds(e: unknown): number {
  const m = /again in (\d+)/i.exec(apiMessage(e) ?? "")
  return m ? Math.max(1, Number(m[1])) : 60
}
