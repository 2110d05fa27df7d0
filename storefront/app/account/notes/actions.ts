"use server"

import type { StoreCreateBuyerNoteBody } from "@shoppable-notes/client"
import { revalidatePath } from "next/cache"
import { redirect } from "next/navigation"
import { getAuthHeaders } from "@/lib/auth"
import { httpStatus, notesClient, sdk } from "@/lib/medusa"
import {
  fieldErrors,
  type EditorPayload,
  type NoteFormState,
  type ProductHit,
} from "@/components/note-editor-types"

/** Medusa's message for a refused request (the SDK's `FetchError`). */
function message(e: unknown): string {
  const m = (e as { message?: unknown } | null)?.message
  return typeof m === "string" && m ? m : "Something went wrong. Try again."
}

/** The editor's state (a JSON field) as the API's note body. */
function noteBody(form: FormData): StoreCreateBuyerNoteBody {
  let payload: EditorPayload
  try {
    payload = JSON.parse(String(form.get("payload") ?? "{}")) as EditorPayload
  } catch {
    payload = { tags: [], images: [], products: [] }
  }
  const locale = String(form.get("locale") ?? "").trim()
  return {
    title: String(form.get("title") ?? ""),
    body: String(form.get("body") ?? ""),
    locale: locale || null,
    // Absent for a note the store hid: its status is the store's.
    status: form.has("status")
      ? form.get("status") === "published"
        ? "published"
        : "draft"
      : undefined,
    tags: payload.tags ?? [],
    images: (payload.images ?? []).map((i) => ({
      url: i.url,
      alt: i.alt || null,
    })),
    products: (payload.products ?? []).map((p, position) => ({
      product_id: p.product_id,
      position,
      image_index: p.image_index,
      x: p.x,
      y: p.y,
    })),
  }
}

/**
 * Saves the editor's note: `POST /store/buyers/me/notes` for a new one
 * (then on to its edit page), `POST /store/buyers/me/notes/{id}` for an
 * existing one. The customer's token stays on the server. A refusal comes
 * back as the API's message and, per field, the part that names it.
 */
export async function saveNote(
  _prev: NoteFormState,
  form: FormData
): Promise<NoteFormState> {
  const id = String(form.get("id") ?? "")
  const body = noteBody(form)
  const auth = await getAuthHeaders()
  let savedId: string
  try {
    const { note } = id
      ? await notesClient.me.notes.update(id, body, auth)
      : await notesClient.me.notes.create(body, auth)
    savedId = note.id
  } catch (e) {
    const status = httpStatus(e)
    if (status === 401) {
      redirect(`/account/login?next=${encodeURIComponent("/account/notes")}`)
    }
    const m = message(e)
    return { error: m, fields: fieldErrors(m), savedAt: null }
  }
  revalidatePath("/account/notes")
  revalidatePath(`/notes/${savedId}`)
  if (!id) {
    redirect(`/account/notes/${encodeURIComponent(savedId)}?created=1`)
  }
  return {
    ok:
      body.status === "published"
        ? "Saved and published."
        : body.status === "draft"
          ? "Saved as a draft."
          : "Saved.",
    fields: {},
    savedAt: Date.now(),
  }
}

/**
 * Medusa's product search (`GET /store/products?q=`, the storefront's
 * publishable key) for the editor's combobox: up to eight products.
 */
export async function searchProducts(q: string): Promise<ProductHit[]> {
  const query = q.trim().slice(0, 100)
  if (!query) {
    return []
  }
  const { products } = await sdk.store.product.list({
    q: query,
    limit: 8,
    fields: "id,title,thumbnail",
  })
  return products.map((p) => ({
    id: p.id,
    title: p.title ?? p.id,
    thumbnail: p.thumbnail ?? null,
  }))
}
