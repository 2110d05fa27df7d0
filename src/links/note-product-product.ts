import { defineLink } from "@medusajs/framework/utils"
import ProductModule from "@medusajs/medusa/product"
import NotesModule from "../modules/notes"

/** note_product.product_id → product (read-only: no link table). */
export default defineLink(
  {
    linkable: NotesModule.linkable.noteProduct,
    field: "product_id",
    isList: false,
  },
  ProductModule.linkable.product,
  { readOnly: true }
)
