import {
  renderNoteHtml,
  sanitizeMarkdown,
} from "../../../modules/notes/utils/markdown"
import {
  normalizeTags,
  sanitizePlainText,
} from "../../../modules/notes/utils/sanitize"
import type {
  CreateNoteInput,
  NoteImage,
  NoteStatus,
  UpdateNoteInput,
} from "../../../types"
import type { CreateNoteData } from "../steps/create-notes"
import type { UpdateNoteData } from "../steps/update-notes"

function cleanImages(images: NoteImage[]): NoteImage[] {
  return images.map((img) => ({
    url: img.url.trim(),
    alt: img.alt ? sanitizePlainText(img.alt) : null,
  }))
}

function cleanCaption(caption?: string | null): string | null {
  return caption ? sanitizePlainText(caption) || null : null
}

/** Shapes a validated create input into what is written. Pure. */
export function prepareNoteForCreate(
  input: CreateNoteInput,
  now: Date
): Omit<CreateNoteData, "author_listed"> {
  const status = input.status ?? "draft"
  const body = sanitizeMarkdown(input.body)
  return {
    title: sanitizePlainText(input.title),
    body,
    // Rendered once here rather than on every read of a note page.
    body_html: renderNoteHtml(body),
    images: cleanImages(input.images ?? []),
    tags: normalizeTags(input.tags ?? []),
    status,
    locale: input.locale ?? null,
    buyer_id: input.buyer_id ?? null,
    published_at: status === "published" ? now : null,
    metadata: input.metadata ?? null,
    products: prepareNoteProducts(input.products ?? []),
  }
}

/**
 * Shapes a validated update into the note fields to write. `published_at` is
 * set the first time a note is published and kept afterwards, so a note
 * taken back to draft and republished keeps its original date. Pure.
 */
export function prepareNoteUpdate(
  id: string,
  current: { status: NoteStatus; published_at: Date | null },
  update: UpdateNoteInput,
  now: Date
): { data: UpdateNoteData; becomesPublished: boolean } {
  const data: UpdateNoteData = { id }
  if (update.title !== undefined) {
    data.title = sanitizePlainText(update.title)
  }
  if (update.body !== undefined) {
    data.body = sanitizeMarkdown(update.body)
    data.body_html = renderNoteHtml(data.body)
  }
  if (update.images !== undefined) {
    data.images = cleanImages(update.images)
  }
  if (update.tags !== undefined) {
    data.tags = normalizeTags(update.tags)
  }
  if (update.locale !== undefined) {
    data.locale = update.locale
  }
  if (update.metadata !== undefined) {
    data.metadata = update.metadata
  }
  let becomesPublished = false
  if (update.status !== undefined && update.status !== current.status) {
    data.status = update.status
    if (update.status === "published") {
      becomesPublished = true
      if (!current.published_at) {
        data.published_at = now
      }
    }
  }
  return { data, becomesPublished }
}

export function prepareNoteProducts(
  products: NonNullable<CreateNoteInput["products"]>
): NonNullable<CreateNoteInput["products"]> {
  return products.map((p, i) => ({
    ...p,
    position: p.position ?? i,
    caption: cleanCaption(p.caption),
  }))
}
