import { model } from "@medusajs/framework/utils"
import Note from "./note"

/**
 * A product (optionally one variant) tagged in a note. `code` is the buy
 * link's code (`/r/{code}`): random, unguessable, and stable for as long as
 * the product stays tagged in the note.
 */
const NoteProduct = model
  .define("note_product", {
    id: model.id({ prefix: "notep" }).primaryKey(),
    product_id: model.text(),
    variant_id: model.text().nullable(),
    position: model.number().default(0),
    image_index: model.number().nullable(),
    x: model.float().nullable(),
    y: model.float().nullable(),
    caption: model.text().nullable(),
    code: model.text(),
    note: model.belongsTo(() => Note, { mappedBy: "products" }),
  })
  .indexes([
    { on: ["note_id", "product_id"], unique: true },
    // Codes are never reused, not even after the product is untagged.
    { on: ["code"], unique: true, where: null },
    { on: ["product_id"] },
  ])

export default NoteProduct
