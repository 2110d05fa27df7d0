import { noteReactionRoute } from "../../../../utils/note-reactions"

/** `POST /store/notes/{id}/like`: the logged-in customer likes the note. */
export const POST = noteReactionRoute("like", true)

/** `DELETE /store/notes/{id}/like`: takes the like back (a no-op if none). */
export const DELETE = noteReactionRoute("like", false)
