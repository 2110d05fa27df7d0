import {
  ContainerRegistrationKeys,
  MedusaError,
  QueryContext,
} from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { NOTES_MODULE } from "../../modules/notes"
import type NotesModuleService from "../../modules/notes/service"
import type { SearchNotesParams } from "../../modules/notes/utils/search-sql"
import type {
  AdminNotesListResponse,
  NoteDTO,
  NoteProductDTO,
  StoreNote,
  StoreNoteAuthor,
  StoreNoteListItem,
  StoreNoteProduct,
  StoreNoteReader,
} from "../../types"

/**
 * A page of notes as the lists that show every status answer it (`GET
 * /admin/notes`, a buyer's `GET /store/buyers/me/notes`): the search,
 * newest created first unless `sort` says otherwise, every status but
 * deleted unless `statuses` narrows it, its notes read in full.
 */
export async function searchNotesPage(
  scope: MedusaContainer,
  search: Omit<SearchNotesParams, "limit" | "offset" | "order"> & {
    limit: number
    offset: number
  }
): Promise<AdminNotesListResponse> {
  const service = scope.resolve<NotesModuleService>(NOTES_MODULE)
  const { ids, count, count_exact } = await service.searchNotes({
    ...search,
    statuses: search.statuses ?? ["draft", "published", "hidden"],
    order: "created",
  })
  return {
    notes: await fetchNotesByIds(scope, ids),
    count,
    count_exact,
    limit: search.limit,
    offset: search.offset,
  }
}

/**
 * Reads notes by id with their tagged products, in the order of `ids`
 * (search order). Missing or deleted notes are left out.
 */
export async function fetchNotesByIds(
  scope: MedusaContainer,
  ids: string[]
): Promise<NoteDTO[]> {
  const service = scope.resolve<NotesModuleService>(NOTES_MODULE)
  return service.retrieveNotesForDisplay(ids)
}

export async function fetchNoteOrThrow(
  scope: MedusaContainer,
  id: string,
  opts: { publishedOnly: boolean }
): Promise<NoteDTO> {
  const [note] = await fetchNotesByIds(scope, [id])
  // The store sees a note only while it is published and its author is not
  // suspended; otherwise it does not exist for the store.
  const hidden =
    opts.publishedOnly && (note?.status !== "published" || !note.author_listed)
  if (!note || hidden) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `Note with id: ${id} was not found`
    )
  }
  return note
}

/** The authors (buyers) of notes, by buyer id, as the store shows them. */
export async function fetchAuthors(
  scope: MedusaContainer,
  notes: NoteDTO[]
): Promise<Map<string, StoreNoteAuthor>> {
  const ids = [
    ...new Set(notes.map((n) => n.buyer_id).filter((b): b is string => !!b)),
  ]
  if (!ids.length) {
    return new Map()
  }
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "buyer",
    fields: ["id", "handle", "display_name", "avatar_url"],
    filters: { id: ids },
  })
  return new Map(
    (data as StoreNoteAuthor[]).map((b) => [
      b.id,
      {
        id: b.id,
        handle: b.handle,
        display_name: b.display_name,
        avatar_url: b.avatar_url ?? null,
      },
    ])
  )
}

function storeFields(note: NoteDTO, authors: Map<string, StoreNoteAuthor>) {
  return {
    buyer: note.buyer_id ? (authors.get(note.buyer_id) ?? null) : null,
    id: note.id,
    title: note.title,
    body: note.body,
    body_html: note.body_html,
    images: note.images ?? [],
    tags: note.tags,
    buyer_id: note.buyer_id,
    locale: note.locale,
    published_at: note.published_at,
    comments_count: Number(note.comments_count ?? 0),
    likes_count: Number(note.likes_count ?? 0),
    saves_count: Number(note.saves_count ?? 0),
    views_count: Number(note.views_count ?? 0),
    created_at: note.created_at,
    updated_at: note.updated_at,
  }
}

/**
 * The logged-in customer's `liked` / `saved` per note, or nothing for an
 * anonymous reader (the fields are then left out).
 */
export async function fetchReader(
  scope: MedusaContainer,
  customerId: string | undefined,
  noteIds: string[]
): Promise<Map<string, StoreNoteReader> | null> {
  if (!customerId) {
    return null
  }
  const service = scope.resolve<NotesModuleService>(NOTES_MODULE)
  return service.reactionsOf(customerId, noteIds)
}

/**
 * A page of notes as the store lists them: tagged products the publishable
 * key may not see left out, authors, and the reader's flags.
 */
export async function toStoreListPage(
  scope: MedusaContainer,
  notes: NoteDTO[],
  opts: {
    visible: Set<string>
    customer_id?: string
  }
): Promise<StoreNoteListItem[]> {
  const service = scope.resolve<NotesModuleService>(NOTES_MODULE)
  const [authors, reader] = await Promise.all([
    fetchAuthors(scope, notes),
    fetchReader(
      scope,
      opts.customer_id,
      notes.map((n) => n.id)
    ),
  ])
  return notes.map((n) => ({
    ...toStoreListItem(n, service, authors, opts.visible),
    ...reader?.get(n.id),
  }))
}

/**
 * A note in the store's list. `visible` holds the tagged products the
 * publishable key may see (`fetchVisibleProductIds`); the others are left
 * out, as on the note's page.
 */
export function toStoreListItem(
  note: NoteDTO,
  service: NotesModuleService,
  authors: Map<string, StoreNoteAuthor>,
  visible: Set<string>
): StoreNoteListItem {
  return {
    ...storeFields(note, authors),
    products: (note.products ?? [])
      .filter((p) => visible.has(p.product_id))
      .map((p) => ({
        id: p.id,
        product_id: p.product_id,
        variant_id: p.variant_id,
        position: p.position,
        buy_url: service.buyUrl(p.code),
      })),
  }
}

/**
 * Medusa's store visibility of a product, as `/store/products/{id}` applies
 * it: published, and in one of the publishable key's sales channels. A key
 * without a sales channel sees no product (Medusa refuses its product
 * reads).
 */
export function isProductVisible(
  product: { status?: string; sales_channels?: { id: string }[] | null },
  salesChannelIds: string[]
): boolean {
  return (
    product.status === "published" &&
    (product.sales_channels ?? []).some((sc) => salesChannelIds.includes(sc.id))
  )
}

/**
 * The products among `productIds` that the publishable key's sales channels
 * may see (`isProductVisible`), for a whole page of notes at once: one Query
 * read through the product–sales channel link (as Medusa's own store product
 * filter), with the products' status (two indexed statements).
 */
export async function fetchVisibleProductIds(
  scope: MedusaContainer,
  productIds: string[],
  salesChannelIds: string[]
): Promise<Set<string>> {
  const ids = [...new Set(productIds)]
  if (!ids.length || !salesChannelIds.length) {
    return new Set()
  }
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "product_sales_channel",
    fields: ["product_id", "sales_channel_id", "product.status"],
    filters: { product_id: ids, sales_channel_id: salesChannelIds },
  })
  return new Set(
    (data as ProductChannelRow[])
      .filter(
        (row) =>
          !!row.product &&
          isProductVisible(
            {
              status: row.product.status,
              sales_channels: [{ id: row.sales_channel_id }],
            },
            salesChannelIds
          )
      )
      .map((row) => row.product_id)
  )
}

type ProductChannelRow = {
  product_id: string
  sales_channel_id: string
  product?: { status: string } | null
}

type ProductRow = {
  id: string
  title: string
  handle: string
  thumbnail: string | null
  status: string
  sales_channels?: { id: string }[] | null
  variants?:
    | {
        id: string
        calculated_price?: {
          calculated_amount: number | null
          original_amount: number | null
          currency_code: string | null
        } | null
      }[]
    | null
}

export type PricingInput = {
  region_id?: string
  currency_code?: string
  /** Sales channels of the publishable key; products outside them are not shown. */
  sales_channel_ids: string[]
}

/**
 * Resolves the pricing context the storefront asked for: a region (whose
 * currency is used) or a currency. Unknown regions are a 400 naming the field.
 */
async function resolvePricingContext(
  scope: MedusaContainer,
  input: PricingInput
): Promise<{ region_id?: string; currency_code: string } | null> {
  if (!input.region_id) {
    return input.currency_code ? { currency_code: input.currency_code } : null
  }
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "region",
    fields: ["id", "currency_code"],
    filters: { id: input.region_id },
  })
  const region = data[0] as { id: string; currency_code: string } | undefined
  if (!region) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `region_id: region '${input.region_id}' does not exist`
    )
  }
  if (input.currency_code && input.currency_code !== region.currency_code) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `currency_code: region '${region.id}' uses '${region.currency_code}', not '${input.currency_code}'`
    )
  }
  return { region_id: region.id, currency_code: region.currency_code }
}

/**
 * A note as the store shows it: each tagged product with its title, handle,
 * thumbnail, the price in the asked context (the tagged variant's, or the
 * lowest of the product's variants) and its buy link. Products that are not
 * published, or not in the publishable key's sales channels, are left out.
 */
export async function toStoreNote(
  scope: MedusaContainer,
  note: NoteDTO,
  pricing: PricingInput,
  customerId?: string
): Promise<StoreNote> {
  const service = scope.resolve<NotesModuleService>(NOTES_MODULE)
  const tagged = note.products ?? []
  const context = await resolvePricingContext(scope, pricing)
  const products = new Map<string, ProductRow>()
  if (tagged.length) {
    const query = scope.resolve(ContainerRegistrationKeys.QUERY)
    const fields = [
      "id",
      "title",
      "handle",
      "thumbnail",
      "status",
      "sales_channels.id",
      "variants.id",
    ]
    if (context) {
      fields.push("variants.calculated_price.*")
    }
    const { data } = await query.graph({
      entity: "product",
      fields,
      filters: { id: [...new Set(tagged.map((p) => p.product_id))] },
      context: context
        ? { variants: { calculated_price: QueryContext(context) } }
        : undefined,
    })
    for (const p of data as ProductRow[]) {
      products.set(p.id, p)
    }
  }
  const visible: StoreNoteProduct[] = []
  for (const tag of tagged) {
    const product = products.get(tag.product_id)
    if (!product || !isProductVisible(product, pricing.sales_channel_ids)) {
      continue
    }
    visible.push({
      id: tag.id,
      product_id: tag.product_id,
      variant_id: tag.variant_id,
      position: tag.position,
      image_index: tag.image_index,
      x: tag.x,
      y: tag.y,
      caption: tag.caption,
      buy_url: service.buyUrl(tag.code),
      product: {
        id: product.id,
        title: product.title,
        handle: product.handle,
        thumbnail: product.thumbnail,
      },
      price: context ? pickPrice(product, tag) : null,
    })
  }
  const [authors, reader] = await Promise.all([
    fetchAuthors(scope, [note]),
    fetchReader(scope, customerId, [note.id]),
  ])
  return {
    ...storeFields(note, authors),
    products: visible,
    ...reader?.get(note.id),
  }
}

function pickPrice(
  product: ProductRow,
  tag: NoteProductDTO
): StoreNoteProduct["price"] {
  const priced = (product.variants ?? []).filter(
    (v) => v.calculated_price?.calculated_amount != null
  )
  const variant = tag.variant_id
    ? priced.find((v) => v.id === tag.variant_id)
    : [...priced].sort(
        (a, b) =>
          Number(a.calculated_price!.calculated_amount) -
          Number(b.calculated_price!.calculated_amount)
      )[0]
  if (!variant?.calculated_price) {
    return null
  }
  return {
    variant_id: variant.id,
    currency_code: variant.calculated_price.currency_code ?? "",
    calculated_amount: Number(variant.calculated_price.calculated_amount),
    original_amount:
      variant.calculated_price.original_amount == null
        ? null
        : Number(variant.calculated_price.original_amount),
  }
}
