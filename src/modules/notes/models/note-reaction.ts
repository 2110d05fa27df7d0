import { model } from "@medusajs/framework/utils"

/**
 * One customer's like or save of a note: at most one live row per
 * (note, customer, kind), held by a unique index, so liking twice is one
 * like whatever the timing. Undoing deletes the row. The note's
 * `likes_count` / `saves_count` move in the same statement as the row
 * (`NotesModuleService.setReaction`), so they always equal the rows.
 */
const NoteReaction = model
  .define("note_reaction", {
    id: model.id({ prefix: "nreact" }).primaryKey(),
    note_id: model.text(),
    customer_id: model.text(),
    kind: model.enum(["like", "save"]),
  })
  .indexes([
    { on: ["note_id", "customer_id", "kind"], unique: true },
    // A customer's saved notes, newest first.
    { on: ["customer_id", "kind", "created_at"] },
  ])

export default NoteReaction
