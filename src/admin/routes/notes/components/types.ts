/** A note as the admin routes answer it (src/types NoteDTO over JSON). */
export type NoteStatus = "draft" | "published" | "hidden"

export type NoteProduct = {
  id: string
  note_id: string
  product_id: string
  variant_id: string | null
  position: number
  image_index: number | null
  x: number | null
  y: number | null
  caption: string | null
  code: string
}

export type AdminNote = {
  id: string
  title: string
  body: string
  body_html: string
  images: { url: string; alt?: string | null }[] | null
  tags: string[]
  status: NoteStatus
  buyer_id: string | null
  author_listed: boolean
  locale: string | null
  published_at: string | null
  hidden_reason: string | null
  hidden_at: string | null
  created_at: string
  updated_at: string
  products?: NoteProduct[]
}

export type NotesList = {
  notes: AdminNote[]
  count: number
  count_exact: boolean
  limit: number
  offset: number
}

export const STATUS_COLOR = {
  draft: "grey",
  published: "green",
  hidden: "red",
} as const
