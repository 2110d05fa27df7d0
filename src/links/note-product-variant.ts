import { defineLink } from "@medusajs/framework/utils"
import ProductModule from "@medusajs/medusa/product"
import NotesModule from "../modules/notes"

/** note_product.variant_id → product variant (read-only: no link table). */
export default defineLink(
  {
    linkable: NotesModule.linkable.noteProduct,
    field: "variant_id",
    isList: false,
  },
  ProductModule.linkable.productVariant,
  { readOnly: true }
)
