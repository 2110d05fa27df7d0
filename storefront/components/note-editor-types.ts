/**
 * The note editor's shapes, shared by its client components and the
 * server action that saves (app/account/notes/actions.ts).
 */

/** A product found by the editor's search. */
export type ProductHit = { id: string; title: string; thumbnail: string | null }

/** A tagged product in the editor; a pin when `x`/`y` are set. */
export type EditorProduct = {
  product_id: string
  title: string
  thumbnail: string | null
  image_index: number | null
  x: number | null
  y: number | null
}

export type EditorImage = { url: string; alt: string }

/** What the editor sends beside its plain fields (one JSON field). */
export type EditorPayload = {
  tags: string[]
  images: EditorImage[]
  products: EditorProduct[]
}

/** The fields an API message can name, as the editor lays them out. */
export type EditorField =
  "title" | "body" | "tags" | "locale" | "status" | "images" | "products"

export type NoteFormState = {
  ok?: string
  error?: string
  /** Per field, the parts of the API's message that name it. */
  fields: Partial<Record<EditorField, string>>
  /** When the last save succeeded (a new value each time). */
  savedAt: number | null
}

const FIELDS: readonly string[] = [
  "title",
  "body",
  "tags",
  "locale",
  "status",
  "images",
  "products",
]

/**
 * The API names the field of each problem (`title: must not be empty;
 * images[0].url: must be an http(s) URL`): each part goes to the field its
 * path starts with.
 */
export function fieldErrors(message: string): NoteFormState["fields"] {
  const fields: NoteFormState["fields"] = {}
  for (const part of message.split("; ")) {
    const name = /^([a-z_]+)[[.:]/.exec(part)?.[1]
    if (name && FIELDS.includes(name)) {
      const key = name as EditorField
      fields[key] = fields[key] ? `${fields[key]}; ${part}` : part
    }
  }
  return fields
}

/** A coordinate kept to four decimals (a ten-thousandth of the image). */
export const clamp01 = (v: number) =>
  Math.round(Math.min(1, Math.max(0, v)) * 1e4) / 1e4
