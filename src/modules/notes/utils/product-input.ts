import type { NoteProductDTO } from "../../../types"

/**
 * A tagged product as the note writes take it back: what it tags, where,
 * and its caption (not its id or buy-link code). Type-only imports, so the
 * admin's browser bundle can take it.
 */
export const toNoteProductInput = (
  p: Pick<
    NoteProductDTO,
    | "product_id"
    | "variant_id"
    | "position"
    | "image_index"
    | "x"
    | "y"
    | "caption"
  >
) => ({
  product_id: p.product_id,
  variant_id: p.variant_id,
  position: p.position,
  image_index: p.image_index,
  x: p.x,
  y: p.y,
  caption: p.caption,
})
