import { z } from "@medusajs/framework/zod"
import { plainText, queryInt } from "./fields"

/**
 * Field rules shared by the admin and store (buyer) note routes. Limits are
 * generous for real notes and small enough that one request cannot bloat
 * the search index.
 */
export const NOTE_LIMITS = {
  title: 200,
  body: 20_000,
  images: 20,
  url: 2_048,
  alt: 300,
  tags: 20,
  tag: 50,
  products: 50,
  caption: 300,
  reason: 500,
  q: 200,
} as const

/** An id in a path, query or body: letters, digits, `_` and `-`. */
export const id = (name: string) =>
  z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z0-9_-]+$/, `${name} must be an id`)

/**
 * A point on an image, 0..1, kept to 6 decimals (a millionth of the image:
 * finer than any screen, and what a single-precision column holds without
 * underflow).
 */
const coordinate = z
  .number()
  .min(0)
  .max(1)
  .transform((v) => Math.round(v * 1e6) / 1e6)

export const NoteImageSchema = z.strictObject({
  url: z
    .string()
    .trim()
    .max(NOTE_LIMITS.url)
    .url()
    .refine((u) => /^https?:\/\//i.test(u), "must be an http(s) URL"),
  alt: z.string().max(NOTE_LIMITS.alt).nullish(),
})

export const NoteProductSchema = z
  .strictObject({
    product_id: id("product_id"),
    variant_id: id("variant_id").nullish(),
    position: z.number().int().min(0).max(10_000).optional(),
    image_index: z
      .number()
      .int()
      .min(0)
      .max(NOTE_LIMITS.images - 1)
      .nullish(),
    x: coordinate.nullish(),
    y: coordinate.nullish(),
    caption: z.string().max(NOTE_LIMITS.caption).nullish(),
  })
  .superRefine((p, ctx) => {
    if ((p.x == null) !== (p.y == null)) {
      ctx.addIssue({
        code: "custom",
        path: [p.x == null ? "x" : "y"],
        message: "x and y: a point on an image needs both coordinates",
      })
    }
  })

export const LocaleSchema = z
  .string()
  .trim()
  .max(35)
  .regex(
    /^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$/,
    "must be a language tag such as en or zh-CN"
  )

const TagSchema = z.string().trim().min(1).max(NOTE_LIMITS.tag)

export const noteFields = {
  title: plainText({ max: NOTE_LIMITS.title }),
  body: z.string().max(NOTE_LIMITS.body),
  images: z.array(NoteImageSchema).max(NOTE_LIMITS.images).optional(),
  tags: z.array(TagSchema).max(NOTE_LIMITS.tags).optional(),
  status: z.enum(["draft", "published"]).optional(),
  locale: LocaleSchema.nullish(),
  products: z.array(NoteProductSchema).max(NOTE_LIMITS.products).optional(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
}

type WithProductsAndImages = {
  images?: { url: string }[]
  products?: { product_id: string; image_index?: number | null }[]
}

/** Cross-field rules: each product once, and points on images that exist. */
export function refineNote(note: WithProductsAndImages, ctx: z.RefinementCtx) {
  const seen = new Set<string>()
  note.products?.forEach((p, i) => {
    if (seen.has(p.product_id)) {
      ctx.addIssue({
        code: "custom",
        path: ["products", i, "product_id"],
        message: `products[${i}].product_id: product '${p.product_id}' is tagged twice`,
      })
    }
    seen.add(p.product_id)
    if (
      note.images !== undefined &&
      p.image_index != null &&
      p.image_index >= note.images.length
    ) {
      ctx.addIssue({
        code: "custom",
        path: ["products", i, "image_index"],
        message: `products[${i}].image_index: the note has ${note.images.length} image(s)`,
      })
    }
  })
}

export const CreateNoteSchema = z
  .strictObject(noteFields)
  .superRefine(refineNote)

export const UpdateNoteSchema = z
  .strictObject({
    ...noteFields,
    title: noteFields.title.optional(),
    body: noteFields.body.optional(),
  })
  .superRefine(refineNote)

export const NoteProductsChangeSchema = z
  .strictObject({
    add: z.array(NoteProductSchema).max(NOTE_LIMITS.products).optional(),
    remove: z.array(id("remove")).max(NOTE_LIMITS.products).optional(),
  })
  .superRefine((body, ctx) => {
    if (!body.add?.length && !body.remove?.length) {
      ctx.addIssue({
        code: "custom",
        path: ["add"],
        message: "add or remove: give at least one product to tag or untag",
      })
    }
    refineNote({ products: body.add }, ctx)
  })

const limit = queryInt({ min: 1, max: 100, fallback: 20 })
const offset = queryInt({ min: 0, max: 100_000, fallback: 0 })

/** Paging of a note list: `limit` 1..100 (20), `offset` (0). */
export const NotePageFields = { limit, offset }

export const NoteListFilterFields = {
  q: z.string().trim().max(NOTE_LIMITS.q).optional(),
  tag: TagSchema.optional(),
  product_id: id("product_id").optional(),
  ...NotePageFields,
}
