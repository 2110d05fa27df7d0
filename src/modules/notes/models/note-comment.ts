import { model } from "@medusajs/framework/utils"

/**
 * A customer's comment on a note, or a reply to one (`parent_id`: replies
 * are one level deep, so a parent is always a top-level comment). `body` is
 * plain text (control characters removed, at most 1,000 characters) and is
 * never rendered as HTML. Moderation hides a comment (`status: "hidden"`,
 * with a reason); its author or the note's author delete it (soft delete).
 * The note's `comments_count` counts the visible, undeleted comments and
 * moves in the same transaction as the row, under the note's row lock
 * (`NotesModuleService.createComment` and the other comment methods).
 */
const NoteComment = model
  .define("note_comment", {
    id: model.id({ prefix: "ncmt" }).primaryKey(),
    note_id: model.text(),
    customer_id: model.text(),
    parent_id: model.text().nullable(),
    body: model.text(),
    status: model.enum(["visible", "hidden"]).default("visible"),
    hidden_reason: model.text().nullable(),
    hidden_at: model.dateTime().nullable(),
  })
  .indexes([
    // A note's thread: top-level comments newest first, replies by parent.
    { on: ["note_id", "parent_id", "created_at"] },
    // The rate limit counts a customer's recent comments, deleted ones too
    // (so not partial); the admin filters by customer.
    { on: ["customer_id", "created_at"], where: null },
    // The admin's moderation list, newest first.
    { on: ["created_at"] },
  ])

export default NoteComment
