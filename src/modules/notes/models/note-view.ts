import { model } from "@medusajs/framework/utils"

/**
 * One counted view: a visitor (the buy links' visitor cookie) read a note
 * on a UTC day. At most one row per (note, visitor, day), held by a unique
 * index, so a reader who comes back the same day is not counted again. The
 * note's `views_count` moves in the same statement as the row
 * (`NotesModuleService.recordView`), so it always equals the rows.
 */
const NoteView = model
  .define("note_view", {
    id: model.id({ prefix: "nview" }).primaryKey(),
    note_id: model.text(),
    visitor_id: model.text(),
    /** Midnight UTC of the day the view counts for. */
    day: model.dateTime(),
  })
  .indexes([{ on: ["note_id", "visitor_id", "day"], unique: true }])

export default NoteView
