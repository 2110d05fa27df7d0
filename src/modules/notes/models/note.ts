import { model } from "@medusajs/framework/utils"
import NoteProduct from "./note-product"

/**
 * A note: a text-rich post with images and tags that carries shoppable
 * products. `body` is Markdown re-serialised safe on write (see
 * `utils/markdown.ts`). The full-text search column `search_vector` is a
 * generated column added by a hand-written migration, so it is not declared
 * here: the ORM never writes it.
 */
const Note = model
  .define("note", {
    id: model.id({ prefix: "note" }).primaryKey(),
    title: model.text(),
    body: model.text(),
    /**
     * `body` rendered to sanitised HTML on write (see `utils/markdown.ts`):
     * a note page is read far more often than written, and rendering a long
     * body costs milliseconds. Null for notes written before the column
     * existed; those are rendered on read.
     */
    body_html: model.text().nullable(),
    images: model.json().nullable(),
    tags: model.array(),
    status: model.enum(["draft", "published", "hidden"]).default("draft"),
    buyer_id: model.text().nullable(),
    /**
     * False while the author buyer is suspended: the note leaves the store
     * (kept in step by the buyer workflows).
     */
    author_listed: model.boolean().default(true),
    locale: model.text().nullable(),
    published_at: model.dateTime().nullable(),
    hidden_reason: model.text().nullable(),
    hidden_at: model.dateTime().nullable(),
    metadata: model.json().nullable(),
    /**
     * How many customers like / saved the note: kept equal to its
     * `note_reaction` rows, in the same statement (`setReaction`).
     */
    likes_count: model.number().default(0),
    saves_count: model.number().default(0),
    /**
     * The note's visible, undeleted comments: kept equal to its
     * `note_comment` rows in the same transaction (`createComment` …).
     */
    comments_count: model.number().default(0),
    /**
     * Counted views: one per visitor per UTC day, kept equal to the note's
     * `note_view` rows in the same statement (`recordView`).
     */
    views_count: model.number().default(0),
    products: model.hasMany(() => NoteProduct, { mappedBy: "note" }),
  })
  .cascades({ delete: ["products"] })
  .indexes([
    { on: ["buyer_id"] },
    // Newest-first walks for lists and for common search words.
    { on: ["status", "published_at", "id"] },
  ])

export default Note
