/**
 * Public types of the shoppable notes plugin: what its workflows take and
 * what its HTTP routes answer. Re-exported as `medusa-plugin-shoppable-notes/types`.
 */

/** A value as it arrives in JSON: dates are ISO strings. */
export type Wire<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T

export type NoteStatus = "draft" | "published" | "hidden"

export type NoteImage = { url: string; alt?: string | null }

export type NoteProductInput = {
  product_id: string
  variant_id?: string | null
  position?: number
  image_index?: number | null
  x?: number | null
  y?: number | null
  caption?: string | null
}

export type CreateNoteInput = {
  title: string
  body: string
  images?: NoteImage[]
  tags?: string[]
  status?: "draft" | "published"
  locale?: string | null
  buyer_id?: string | null
  products?: NoteProductInput[]
  metadata?: Record<string, unknown> | null
}

export type UpdateNoteInput = Partial<Omit<CreateNoteInput, "buyer_id">>

export type NoteProductDTO = {
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

export type NoteDTO = {
  id: string
  title: string
  body: string
  /**
   * `body` rendered to HTML and sanitised: no raw HTML, links and images
   * only to relative or http(s) (links also mailto) targets, links with
   * `rel="nofollow ugc noopener"`. Safe to insert as HTML.
   */
  body_html: string
  images: NoteImage[] | null
  tags: string[]
  status: NoteStatus
  buyer_id: string | null
  /** False while the author buyer is suspended: not shown in the store. */
  author_listed: boolean
  locale: string | null
  published_at: Date | string | null
  hidden_reason: string | null
  hidden_at: Date | string | null
  metadata: Record<string, unknown> | null
  /** Visible, undeleted comments and replies (exact: equals those rows). */
  comments_count: number
  /** Customers who like the note (exact: equals its like rows). */
  likes_count: number
  /** Customers who saved the note (exact: equals its save rows). */
  saves_count: number
  /**
   * Counted views: one per visitor per UTC day, bots and link previews
   * left out (exact: equals its view rows).
   */
  views_count: number
  created_at: Date | string
  updated_at: Date | string
  products?: NoteProductDTO[]
}

/** A tagged product as the store shows it on a note page. */
export type StoreNoteProduct = Omit<NoteProductDTO, "note_id" | "code"> & {
  buy_url: string
  product: {
    id: string
    title: string
    handle: string
    thumbnail: string | null
  } | null
  price: {
    variant_id: string
    currency_code: string
    calculated_amount: number
    original_amount: number | null
  } | null
}

/** A note's author as the store shows it. */
export type StoreNoteAuthor = {
  id: string
  handle: string
  display_name: string
  avatar_url: string | null
}

/** What the store shows of any note: not the moderation and admin fields. */
type StoreNoteFields = Omit<
  NoteDTO,
  | "products"
  | "status"
  | "hidden_reason"
  | "hidden_at"
  | "metadata"
  | "author_listed"
>

export type StoreNote = StoreNoteFields & {
  products: StoreNoteProduct[]
  buyer: StoreNoteAuthor | null
} & StoreNoteReader

export type StoreNoteListItem = StoreNoteFields & {
  buyer: StoreNoteAuthor | null
  products: Pick<
    StoreNoteProduct,
    "id" | "product_id" | "variant_id" | "position" | "buy_url"
  >[]
} & StoreNoteReader

/**
 * What the logged-in reader did with a note: present only when a customer
 * is logged in on the request.
 */
export type StoreNoteReader = { liked?: boolean; saved?: boolean }

/** `POST|DELETE /store/notes/{id}/like`. */
export type StoreNoteLikeResponse = { liked: boolean; likes_count: number }
/** `POST|DELETE /store/notes/{id}/save`. */
export type StoreNoteSaveResponse = { saved: boolean; saves_count: number }
/** `GET /store/customers/me/saved-notes`, newest save first. */
export type StoreSavedNotesResponse = {
  notes: StoreNoteListItem[]
  count: number
  limit: number
  offset: number
}

export type StoreNotesListResponse = {
  notes: StoreNoteListItem[]
  /** Exact when `count_exact`; otherwise a lower bound (the count cap). */
  count: number
  count_exact: boolean
  limit: number
  offset: number
}
export type StoreNoteResponse = { note: StoreNote }
export type AdminNoteResponse = { note: NoteDTO }
export type AdminNotesListResponse = {
  notes: NoteDTO[]
  count: number
  count_exact: boolean
  limit: number
  offset: number
}
export type AdminNoteDeleteResponse = {
  id: string
  object: "note"
  deleted: true
}

export type BuyerStatus = "pending" | "approved" | "suspended"

export type BuyerDTO = {
  id: string
  customer_id: string
  handle: string
  display_name: string
  bio: string | null
  avatar_url: string | null
  status: BuyerStatus
  tier: string
  approved_at: Date | string | null
  suspended_at: Date | string | null
  suspended_reason: string | null
  metadata: Record<string, unknown> | null
  /** Customers following the buyer (exact: equals the follow rows). */
  followers_count: number
  created_at: Date | string
  updated_at: Date | string
}

export type ApplyBuyerInput = {
  customer_id: string
  handle: string
  display_name: string
  bio?: string | null
  avatar_url?: string | null
}

export type UpdateBuyerInput = {
  handle?: string
  display_name?: string
  bio?: string | null
  avatar_url?: string | null
  tier?: string
  metadata?: Record<string, unknown> | null
}

export type StoreBuyerResponse = { buyer: BuyerDTO }

/**
 * `GET /store/buyers/{handle}`: a buyer's public profile. Nothing private
 * (no email, customer, status, tier, payout or commission data).
 * `following` is present only for a logged-in reader.
 */
export type StoreBuyerProfile = {
  id: string
  handle: string
  display_name: string
  bio: string | null
  avatar_url: string | null
  /** Exact: equals the buyer's follow rows. */
  followers_count: number
  /** Notes the store shows (published). */
  notes_count: number
  /** The sum of those notes' `likes_count`. */
  likes_received: number
  created_at: Date | string
  following?: boolean
}
export type StoreBuyerProfileResponse = { buyer: StoreBuyerProfile }
/** `POST|DELETE /store/buyers/{handle}/follow`. */
export type StoreBuyerFollowResponse = {
  following: boolean
  followers_count: number
}
/** A buyer in `GET /store/customers/me/following`. */
export type StoreFollowedBuyer = Pick<
  StoreBuyerProfile,
  "id" | "handle" | "display_name" | "bio" | "avatar_url" | "followers_count"
> & { followed_at: Date | string }
/** `GET /store/customers/me/following`, newest follow first. */
export type StoreFollowingResponse = {
  buyers: StoreFollowedBuyer[]
  count: number
  limit: number
  offset: number
}
export type AdminBuyerResponse = { buyer: BuyerDTO }
export type AdminBuyersListResponse = {
  buyers: BuyerDTO[]
  count: number
  limit: number
  offset: number
}
export * from "./commission"
export * from "./reports"
export * from "./comments"
