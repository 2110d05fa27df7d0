import { defineLink } from "@medusajs/framework/utils"
import BuyersModule from "../modules/buyers"
import NotesModule from "../modules/notes"

/** note.buyer_id → buyer, the note's author (read-only: no link table). */
export default defineLink(
  {
    linkable: NotesModule.linkable.note,
    field: "buyer_id",
    isList: false,
  },
  BuyersModule.linkable.buyer,
  { readOnly: true }
)
