import type { StoreBuyerNote } from "@shoppable-notes/client"
import type { NoteEditorInitial } from "@/components/note-editor"
import { sdk } from "@/lib/medusa"

/** The editor's starting state for a saved note, or a blank one. */
export async function editorState(
  note: StoreBuyerNote | null
): Promise<NoteEditorInitial> {
  if (!note) {
    return {
      id: null,
      title: "",
      body: "",
      locale: "",
      status: "draft",
      tags: [],
      images: [],
      products: [],
    }
  }
  const tagged = [...(note.products ?? [])].sort(
    (a, b) => a.position - b.position
  )
  // The note names its products by id: their titles come from the store.
  const ids = tagged.map((p) => p.product_id)
  const { products } = ids.length
    ? await sdk.store.product.list({
        id: ids,
        limit: ids.length,
        fields: "id,title,thumbnail",
      })
    : { products: [] }
  const byId = new Map(products.map((p) => [p.id, p]))
  return {
    id: note.id,
    title: note.title,
    body: note.body,
    locale: note.locale ?? "",
    status: note.status,
    tags: note.tags,
    images: (note.images ?? []).map((i) => ({ url: i.url, alt: i.alt ?? "" })),
    products: tagged.map((p) => ({
      product_id: p.product_id,
      title: byId.get(p.product_id)?.title ?? p.product_id,
      thumbnail: byId.get(p.product_id)?.thumbnail ?? null,
      image_index: p.image_index,
      x: p.x,
      y: p.y,
    })),
  }
}
